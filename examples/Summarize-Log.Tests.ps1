# Pester 5: how to test a script that calls EdgeePS without a gateway or a key.
# Pester's Mock replaces Send-EdgeeCompletion for the script under test. Importing the real module first matters:
# the mock then has the cmdlet's real parameters, so a script that passes a wrong one fails here too.

BeforeAll {
    Import-Module -Name "$PSScriptRoot/../EdgeePS.psd1" -Force
    $runbook = "$PSScriptRoot/Summarize-Log.ps1"
}

Describe 'Summarize-Log.ps1' {
    BeforeEach {
        $log = "$TestDrive/app.log"
        Set-Content -LiteralPath $log -Value (1..300 | ForEach-Object { "2025-06-01T03:00:$('{0:d3}' -f $_) ERROR db: connection timed out (attempt $_)" })
        Mock Send-EdgeeCompletion { [pscustomobject]@{ Text = '- The database timed out 300 times since 03:00.'; Usage = @{ TotalTokens = 321 } } }
    }

    It 'returns the model''s summary with the log''s details' {
        $summary = & $runbook -Path $log

        $summary.Summary | Should -BeExactly '- The database timed out 300 times since 03:00.'
        $summary.Path | Should -Be $log
        $summary.Lines | Should -Be 200
        $summary.Model | Should -Be 'gpt-5.2'
        $summary.TotalTokens | Should -Be 321
    }

    It 'sends only the tail of the log, with its system prompt, a token limit and tags' {
        $null = & $runbook -Path $log -Tail 50 -Model 'claude-sonnet-4.5'

        Should -Invoke Send-EdgeeCompletion -Times 1 -Exactly -ParameterFilter {
            $Model -eq 'claude-sonnet-4.5' -and
            @($InputObject -split "`n").Count -eq 50 -and
            $InputObject -like '*(attempt 251)*' -and
            $InputObject -notlike '*(attempt 250)*' -and
            $SystemPrompt -like '*SRE*' -and
            $MaxTokens -eq 400 -and
            $Tag -contains 'runbook'
        }
    }

    It 'does not call the model for an empty log' {
        [System.IO.File]::WriteAllText($log, '')

        $summary = & $runbook -Path $log

        $summary.Summary | Should -Be 'The log is empty.'
        Should -Invoke Send-EdgeeCompletion -Times 0 -Exactly
    }

    It 'fails with a clear message when the gateway refuses' {
        Mock Send-EdgeeCompletion {
            throw [EdgeePS.EdgeeApiException]::new('ApiError', 'API error 429: Slow down', 429, 'rate_limit_error', 'rate_limited', $null, $null)
        }

        { & $runbook -Path $log } | Should -Throw -ErrorId 'LogSummaryFailed,*' -ExpectedMessage "*Could not summarise*429 (rate_limit_error)*"
    }

    It 'fails with a clear message, and asks no model, when the log cannot be read' {
        { & $runbook -Path "$TestDrive/missing.log" } | Should -Throw -ErrorId 'LogUnreadable,*' -ExpectedMessage "Cannot read the log*missing.log*"

        Should -Invoke Send-EdgeeCompletion -Times 0 -Exactly
    }

    It 'summarises every log piped from Get-ChildItem' {
        Set-Content -LiteralPath "$TestDrive/other.log" -Value 'INFO all good'

        $summaries = @(Get-ChildItem -Path "$TestDrive/*.log" | & $runbook)

        $summaries.Count | Should -Be 2
        Should -Invoke Send-EdgeeCompletion -Times 2 -Exactly
    }
}
