# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester
# Send-EdgeeCompletion -ThrottleLimit: many prompts at once from one command, against the gateway simulator.

Describe 'Send-EdgeeCompletion -ThrottleLimit' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $simulator = Start-EdgeeSimulator -Connect
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
        Disconnect-Edgee
    }

    It 'answers every piped prompt, in input order' {
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count

        $texts = 1..24 | ForEach-Object { "prompt $_" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 8 | ForEach-Object Text

        $texts | Should -Be (1..24 | ForEach-Object { "You said: prompt $_" })
        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 24
    }

    It 'takes Import-Csv rows, the Prompt column as the prompt' {
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Prompt = "alert $_"; Host = "web$_" } }

        $texts = $rows | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 5 | ForEach-Object Text

        $texts | Should -Be (1..5 | ForEach-Object { "You said: alert $_" })
    }

    It 'keeps an input''s error at its turn, non-terminating, and goes on' {
        $lines = 'first', @{ nothing = 'here' }, 'third' |
            Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 3 -ErrorAction Continue 2>&1 |
            ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId } else { $_.Text } }

        $lines | Should -Be @('You said: first', 'MessagesMissing,EdgeePS.Cmdlets.SendEdgeeCompletionCommand', 'You said: third')
    }

    It 'rides out a rate limit: every prompt answered once, nothing lost' {
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count
        $simulator | Add-EdgeeSimulatorResponse -Status 429 -RetryAfterSec 0

        $verbose = $( $texts = 1..6 | ForEach-Object { "prompt $_" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 3 -Verbose | ForEach-Object Text ) 4>&1

        $texts | Should -Be (1..6 | ForEach-Object { "You said: prompt $_" })
        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 7
        ($verbose | Out-String) | Should -Match 'Batch done: 6 input\(s\), at most \d of 3 request\(s\) in flight at once, 1 shared pause'
    }

    It 'stops the batch for Select-Object -First' {
        $texts = 1..30 | ForEach-Object { "prompt $_" } | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 4 | Select-Object -First 2 | ForEach-Object Text

        $texts | Should -Be @('You said: prompt 1', 'You said: prompt 2')
    }

    It 'refuses -Stream with a ThrottleLimitNotSupported error before any request' {
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count

        { 'hello' | Send-EdgeeCompletion gpt-5.2 -Stream -ThrottleLimit 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ThrottleLimitNotSupported,EdgeePS.Cmdlets.SendEdgeeCompletionCommand'
        @(Get-EdgeeSimulatorRequest $simulator).Count | Should -Be $before
    }

    It 'refuses a -ThrottleLimit out of range' {
        { 'hello' | Send-EdgeeCompletion gpt-5.2 -ThrottleLimit 0 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,EdgeePS.Cmdlets.SendEdgeeCompletionCommand'
    }
}
