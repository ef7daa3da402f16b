# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester

Describe 'EdgeePS errors' {
    BeforeAll {
        . "$PSScriptRoot/TestGateway.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-TestGateway
        $PSDefaultParameterValues = @{
            '*-Edgee*:ApiKey'           = 'sk-pester-errors'
            '*-Edgee*:BaseUrl'          = $gateway.BaseUrl
            '*-Edgee*:RetryIntervalSec' = 0
        }
    }

    AfterAll {
        Stop-TestGateway -Gateway $gateway
    }

    It 'reports a gateway error as a non-terminating ApiError record with the details' {
        Add-TestGatewayResponse -Gateway $gateway -Status 400 -Body (New-TestGatewayError -Type invalid_request_error -Message 'Unknown model' -Code model_not_found)

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
        Add-TestGatewayResponse -Gateway $gateway -Status 403 -Body (New-TestGatewayError -Type permission_error -Message 'Not allowed')
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
        Add-TestGatewayResponse -Gateway $gateway -Status 400 -Body (New-TestGatewayError -Type invalid_request_error -Message 'Bad')

        $replies = @('first', 'second' | Send-EdgeeCompletion gpt-5.2 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 1
        $replies.Count | Should -Be 1
        $replies[0].Text | Should -BeExactly 'You said: second'
    }

    It 'retries a 503 before any answer arrived, then succeeds' {
        Add-TestGatewayResponse -Gateway $gateway -Status 503 -Body (New-TestGatewayError -Type api_error -Message 'Overloaded') -Header @{ 'Retry-After' = '0' }
        $before = @(Get-TestGatewayRequest -Gateway $gateway).Count

        $reply = Send-EdgeeCompletion gpt-5.2 'hello' -MaximumRetryCount 1 -ErrorVariable failures

        $reply.Text | Should -BeExactly 'You said: hello'
        $failures.Count | Should -Be 0
        @(Get-TestGatewayRequest -Gateway $gateway).Count - $before | Should -Be 2
    }

    It 'does not retry when -MaximumRetryCount is 0' {
        Add-TestGatewayResponse -Gateway $gateway -Status 429 -Body (New-TestGatewayError -Type rate_limit_error -Message 'Slow down') -Header @{ 'Retry-After' = '0' }
        $before = @(Get-TestGatewayRequest -Gateway $gateway).Count

        $null = Send-EdgeeCompletion gpt-5.2 'hello' -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        @(Get-TestGatewayRequest -Gateway $gateway).Count - $before | Should -Be 1
    }

    It 'keeps the chunks of a stream cut short and reports StreamTruncated' {
        Add-TestGatewayResponse -Gateway $gateway -Events (New-TestGatewayChunk -Content 'Half an ') -NoDone

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'hello' -ErrorVariable failures -ErrorAction SilentlyContinue)

        -join $chunks.Text | Should -BeExactly 'Half an '
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'StreamTruncated,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
    }

    It 'abandons a stream that goes quiet for -IdleTimeoutSec' {
        $events = (New-TestGatewayChunk -Content 'Thinking'), (New-TestGatewayChunk -Content ' done.' -FinishReason stop)
        Add-TestGatewayResponse -Gateway $gateway -Events $events -DelayMilliseconds 3000

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
        Add-TestGatewayResponse -Gateway $gateway -Status 401 -Body (New-TestGatewayError -Type authentication_error -Message 'Invalid key')

        $null = Send-EdgeeCompletion gpt-5.2 'hello' -ApiKey 'sk-do-not-show-me' -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($failures[0] | Out-String) + $failures[0].Exception.Message + $failures[0].TargetObject | Should -Not -Match 'sk-do-not-show-me'
    }
}
