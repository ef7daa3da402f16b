# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester

Describe 'EdgeePS help' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    }

    Context '<Name>' -ForEach @(
        @{ Name = 'Invoke-EdgeeStream'; Examples = 3 }
        @{ Name = 'Send-EdgeeCompletion'; Examples = 3 }
        @{ Name = 'Show-EdgeeStream'; Examples = 1 }
        @{ Name = 'Get-EdgeeModel'; Examples = 1 }
        @{ Name = 'Connect-Edgee'; Examples = 1 }
        @{ Name = 'Disconnect-Edgee'; Examples = 1 }
        @{ Name = 'Get-EdgeeConfiguration'; Examples = 1 }
        @{ Name = 'Start-EdgeeSimulator'; Examples = 1 }
        @{ Name = 'Add-EdgeeSimulatorResponse'; Examples = 3 }
        @{ Name = 'Get-EdgeeSimulatorRequest'; Examples = 1 }
        @{ Name = 'Stop-EdgeeSimulator'; Examples = 1 }
    ) {
        BeforeAll {
            $help = Get-Help -Name $Name -Full
        }

        It 'has a written synopsis, not one made from the syntax' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match '\[<CommonParameters>\]'
        }

        It 'has a description' {
            -join $help.description.Text | Should -Not -BeNullOrEmpty
        }

        It 'has at least <Examples> example(s)' {
            @($help.examples.example).Count | Should -BeGreaterOrEqual $Examples
        }

        It 'describes every parameter' {
            $parameters = (Get-Command -Name $Name).Parameters.Keys | Where-Object { $commonParameters -notcontains $_ }
            foreach ($parameter in $parameters) {
                $documented = $help.parameters.parameter | Where-Object name -EQ $parameter
                $documented | Should -Not -BeNullOrEmpty -Because "-$parameter is a parameter of $Name"
                -join $documented.description.Text | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
            }
        }
    }

    It 'has an about_EdgeePS topic' {
        $topic = Get-Help -Name about_EdgeePS | Out-String

        $topic | Should -Match 'about_EdgeePS'
        $topic | Should -Match 'SHORT DESCRIPTION'
        $topic | Should -Match 'StreamTruncated'
    }

    It 'has an about_EdgeePS_Testing topic' {
        $topic = Get-Help -Name about_EdgeePS_Testing | Out-String

        $topic | Should -Match 'SHORT DESCRIPTION'
        $topic | Should -Match 'Start-EdgeeSimulator -Connect'
    }
}
