# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester
# These tests set $env:EDGEE_API_KEY and $env:EDGEE_BASE_URL, and put them back afterwards.

Describe 'Where EdgeePS takes its settings from' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-EdgeeSimulator
        $savedKey = $env:EDGEE_API_KEY
        $savedBaseUrl = $env:EDGEE_BASE_URL

        function Get-LastAuthorization {
            (Get-EdgeeSimulatorRequest -Simulator $gateway -Last 1).Headers['Authorization']
        }
    }

    AfterEach {
        Disconnect-Edgee
        $env:EDGEE_API_KEY = $savedKey
        $env:EDGEE_BASE_URL = $savedBaseUrl
    }

    AfterAll {
        Stop-EdgeeSimulator -Simulator $gateway
    }

    It 'uses the Connect-Edgee session for every later command' {
        Connect-Edgee -ApiKey 'sk-session' -BaseUrl $gateway.BaseUrl

        (Send-EdgeeCompletion gpt-5.2 'hello').Text | Should -BeExactly 'You said: hello'
        Get-LastAuthorization | Should -Be 'Bearer sk-session'
    }

    It 'lets a parameter win over the session' {
        Connect-Edgee -ApiKey 'sk-session' -BaseUrl $gateway.BaseUrl

        $null = Send-EdgeeCompletion gpt-5.2 'hello' -ApiKey 'sk-parameter'

        Get-LastAuthorization | Should -Be 'Bearer sk-parameter'
    }

    It 'lets the session win over the environment' {
        $env:EDGEE_API_KEY = 'sk-environment'
        $env:EDGEE_BASE_URL = 'http://127.0.0.1:9'
        Connect-Edgee -ApiKey 'sk-session' -BaseUrl $gateway.BaseUrl

        $null = Send-EdgeeCompletion gpt-5.2 'hello'

        Get-LastAuthorization | Should -Be 'Bearer sk-session'
    }

    It 'falls back to the environment after Disconnect-Edgee, reading it at every call' {
        Connect-Edgee -ApiKey 'sk-session' -BaseUrl 'http://127.0.0.1:9'
        Disconnect-Edgee
        $env:EDGEE_BASE_URL = $gateway.BaseUrl
        $env:EDGEE_API_KEY = 'sk-environment'

        $null = Send-EdgeeCompletion gpt-5.2 'hello'
        Get-LastAuthorization | Should -Be 'Bearer sk-environment'

        $env:EDGEE_API_KEY = 'sk-rotated'
        $null = Send-EdgeeCompletion gpt-5.2 'hello'
        Get-LastAuthorization | Should -Be 'Bearer sk-rotated'
    }

    It 'accepts the key as a SecureString, as Get-Secret returns it' {
        $secret = [System.Net.NetworkCredential]::new('', 'sk-secure').SecurePassword

        $null = Send-EdgeeCompletion gpt-5.2 'hello' -ApiKey $secret -BaseUrl $gateway.BaseUrl

        Get-LastAuthorization | Should -Be 'Bearer sk-secure'
    }

    It 'adds the session tags to every request' {
        Connect-Edgee -ApiKey 'sk-session' -BaseUrl $gateway.BaseUrl -Tag nightly

        $null = Send-EdgeeCompletion gpt-5.2 'hello' -Tag adhoc

        $body = @(Get-EdgeeSimulatorRequest -Simulator $gateway)[-1].Body | ConvertFrom-Json
        $body.tags | Should -Contain 'nightly'
        $body.tags | Should -Contain 'adhoc'
    }

    It 'shows where each setting comes from, and never the key' {
        $env:EDGEE_API_KEY = $null
        $env:EDGEE_BASE_URL = $null
        (Get-EdgeeConfiguration).ApiKeySource | Should -Be 'None'
        (Get-EdgeeConfiguration).BaseUrlSource | Should -Be 'Default'

        $configuration = Connect-Edgee -ApiKey 'sk-never-shown' -BaseUrl $gateway.BaseUrl -MaximumRetryCount 4 -PassThru

        $configuration | Should -BeOfType ([EdgeePS.EdgeeConfiguration])
        $configuration.ApiKeySource | Should -Be 'Session'
        $configuration.BaseUrlSource | Should -Be 'Session'
        $configuration.MaximumRetryCount | Should -Be 4
        ($configuration | Format-List -Property * | Out-String) | Should -Not -Match 'sk-never-shown'
    }
}
