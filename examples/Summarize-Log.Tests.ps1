# Pester 5: how to test a script that calls EdgeePS without a gateway or a key.
# EdgeePS ships a gateway simulator (Get-Help about_EdgeePS_Testing): the runbook runs the real Send-EdgeeCompletion
# against it, so what it does with the gateway's errors and retries is tested too, not mocked away.

BeforeAll {
    Import-Module -Name "$PSScriptRoot/../EdgeePS.psd1" -Force
    $runbook = "$PSScriptRoot/Summarize-Log.ps1"
    $simulator = Start-EdgeeSimulator -Connect
    # Retries without waiting: the simulator's refusals and dropped connections are retried at once.
    $PSDefaultParameterValues = @{ 'Send-EdgeeCompletion:RetryIntervalSec' = 0 }
}

AfterAll {
    Stop-EdgeeSimulator -Simulator $simulator
}

Describe 'Summarize-Log.ps1' {
    BeforeEach {
        $log = "$TestDrive/app.log"
        Set-Content -LiteralPath $log -Value (1..300 | ForEach-Object { "2025-06-01T03:00:$('{0:d3}' -f $_) ERROR db: connection timed out (attempt $_)" })
        $requestsBefore = @(Get-EdgeeSimulatorRequest -Simulator $simulator).Count
    }

    It 'returns the model''s summary with the log''s details' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -Text '- The database timed out 300 times since 03:00.' -Usage @{ prompt = 300; completion = 21 }

        $summary = & $runbook -Path $log

        $summary.Summary | Should -BeExactly '- The database timed out 300 times since 03:00.'
        $summary.Path | Should -Be $log
        $summary.Lines | Should -Be 200
        $summary.Model | Should -Be 'gpt-5.2'
        $summary.TotalTokens | Should -Be 321
    }

    It 'sends only the tail of the log, with its system prompt, a token limit and tags' {
        $null = & $runbook -Path $log -Tail 50 -Model 'claude-sonnet-4.5'

        $body = (Get-EdgeeSimulatorRequest -Simulator $simulator -Last 1).BodyObject
        $body.model | Should -Be 'claude-sonnet-4.5'
        $body.messages[0].role | Should -Be 'system'
        $body.messages[0].content | Should -BeLike '*SRE*'
        $lines = $body.messages[1].content -split "`n"
        $lines.Count | Should -Be 50
        $lines[0] | Should -BeLike '*(attempt 251)'
        $body.max_tokens | Should -Be 400
        $body.tags | Should -Contain 'runbook'
    }

    It 'does not call the model for an empty log' {
        [System.IO.File]::WriteAllText($log, '')

        $summary = & $runbook -Path $log

        $summary.Summary | Should -Be 'The log is empty.'
        @(Get-EdgeeSimulatorRequest -Simulator $simulator).Count | Should -Be $requestsBefore
    }

    It 'rides out a rate limit: the retry gets the summary' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -Status 429 -RetryAfterSec 0
        Add-EdgeeSimulatorResponse -Simulator $simulator -Text 'Recovered.'

        (& $runbook -Path $log).Summary | Should -BeExactly 'Recovered.'
        @(Get-EdgeeSimulatorRequest -Simulator $simulator).Count - $requestsBefore | Should -Be 2
    }

    It 'fails with a clear message when the gateway refuses' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -Status 403 -ErrorMessage 'This key may not use gpt-5.2'

        { & $runbook -Path $log } | Should -Throw -ErrorId 'LogSummaryFailed,*' -ExpectedMessage "*Could not summarise*403 (permission_error)*"
    }

    It 'fails with a clear message when the rate limit outlasts the retries' {
        # The first attempt and EdgeePS's one default retry.
        Add-EdgeeSimulatorResponse -Simulator $simulator -Status 429 -RetryAfterSec 0 -Count 2

        { & $runbook -Path $log } | Should -Throw -ErrorId 'LogSummaryFailed,*' -ExpectedMessage "*Could not summarise*429 (rate_limit_error)*"
    }

    It 'fails with a clear message when the connection drops in the middle of every answer' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -Text 'never whole' -DropAfter 0 -Count 2

        { & $runbook -Path $log } | Should -Throw -ErrorId 'LogSummaryFailed,*' -ExpectedMessage '*Could not summarise*connection*lost*'
        $simulator.QueuedResponses | Should -Be 0
    }

    It 'fails with a clear message, and asks no model, when the log cannot be read' {
        { & $runbook -Path "$TestDrive/missing.log" } | Should -Throw -ErrorId 'LogUnreadable,*' -ExpectedMessage "Cannot read the log*missing.log*"

        @(Get-EdgeeSimulatorRequest -Simulator $simulator).Count | Should -Be $requestsBefore
    }

    It 'summarises every log piped from Get-ChildItem' {
        Set-Content -LiteralPath "$TestDrive/other.log" -Value 'INFO all good'

        $summaries = @(Get-ChildItem -Path "$TestDrive/*.log" | & $runbook)

        $summaries.Count | Should -Be 2
        @(Get-EdgeeSimulatorRequest -Simulator $simulator).Count - $requestsBefore | Should -Be 2
    }
}
