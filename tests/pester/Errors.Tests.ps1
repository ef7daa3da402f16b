# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester

Describe 'EdgeePS errors' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-EdgeeSimulator
        $PSDefaultParameterValues = @{
            '*-Edgee*:ApiKey'           = 'sk-pester-errors'
            '*-Edgee*:BaseUrl'          = $gateway.BaseUrl
            '*-Edgee*:RetryIntervalSec' = 0
        }
    }

    AfterAll {
        Stop-EdgeeSimulator -Simulator $gateway
    }

    It 'reports a gateway error as a non-terminating ApiError record with the details' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Status 400 -ErrorType invalid_request_error -ErrorMessage 'Unknown model' -ErrorCode model_not_found

        $reply = Send-EdgeeCompletion no-such-model 'hello' -ErrorVariable failures -ErrorAction SilentlyContinue

        $reply | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ApiError,EdgeePS.Cmdlets.SendEdgeeCompletionCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception | Should -BeOfType ([EdgeePS.EdgeeApiException])
        $failures[0].Exception.StatusCode | Should -Be 400
        $failures[0].Exception.ErrorType | Should -Be 'invalid_request_error'
        $failures[0].Exception.ErrorCode | Should -Be 'model_not_found'
    }

    It 'can be caught as EdgeePS.EdgeeApiException with -ErrorAction Stop' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Status 403 -ErrorType permission_error -ErrorMessage 'Not allowed'
        $caught = $null

        try {
            Send-EdgeeCompletion gpt-5.2 'hello' -ErrorAction Stop
        }
        catch [EdgeePS.EdgeeApiException] {
            $caught = $_
        }

        $caught.Exception.StatusCode | Should -Be 403
        $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'goes on to the next piped input after a failure' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Status 400 -ErrorType invalid_request_error -ErrorMessage 'Bad'

        $replies = @('first', 'second' | Send-EdgeeCompletion gpt-5.2 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 1
        $replies.Count | Should -Be 1
        $replies[0].Text | Should -BeExactly 'You said: second'
    }

    It 'retries a 503 before any answer arrived, then succeeds' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Status 503 -ErrorType api_error -ErrorMessage 'Overloaded' -RetryAfterSec 0
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $reply = Send-EdgeeCompletion gpt-5.2 'hello' -MaximumRetryCount 1 -ErrorVariable failures

        $reply.Text | Should -BeExactly 'You said: hello'
        $failures.Count | Should -Be 0
        @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count - $before | Should -Be 2
    }

    It 'does not retry when -MaximumRetryCount is 0' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Status 429 -ErrorType rate_limit_error -ErrorMessage 'Slow down' -RetryAfterSec 0
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $null = Send-EdgeeCompletion gpt-5.2 'hello' -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count - $before | Should -Be 1
    }

    It 'keeps the chunks of a stream cut short and reports StreamTruncated' {
        # The role chunk, 'Half' and ' an', then the connection closes.
        Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Half an answer' -DropAfter 3

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'hello' -ErrorVariable failures -ErrorAction SilentlyContinue)

        -join $chunks.Text | Should -BeExactly 'Half an'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'StreamTruncated,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
    }

    It 'abandons a stream that goes quiet for -IdleTimeoutSec' {
        # The role chunk and 'Thinking', then 3 s of silence.
        Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Thinking done.' -StallAfter 2 -StallSec 3

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'hello' -IdleTimeoutSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue)

        -join $chunks.Text | Should -BeExactly 'Thinking'
        $failures[0].FullyQualifiedErrorId | Should -Be 'StreamIdleTimeout,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'stops with ApiKeyMissing when no key is configured anywhere' {
        $savedKey = $env:EDGEE_API_KEY
        $env:EDGEE_API_KEY = $null
        try {
            { Invoke-EdgeeStream gpt-5.2 'hello' -ApiKey '' } | Should -Throw -ErrorId 'ApiKeyMissing,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
        }
        finally {
            $env:EDGEE_API_KEY = $savedKey
        }
    }

    It 'refuses to send the key over plain http to another machine' {
        { Invoke-EdgeeStream gpt-5.2 'hello' -BaseUrl 'http://gateway.example.com' } |
            Should -Throw -ErrorId 'UnencryptedAuthenticationNotAllowed,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
    }

    It 'never shows the key in an error' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Status 401 -ErrorType authentication_error -ErrorMessage 'Invalid key'

        $null = Send-EdgeeCompletion gpt-5.2 'hello' -ApiKey 'sk-do-not-show-me' -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($failures[0] | Out-String) + $failures[0].Exception.Message + $failures[0].TargetObject | Should -Not -Match 'sk-do-not-show-me'
    }
}
