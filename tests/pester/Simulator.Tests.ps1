# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester
# The gateway simulator as runbook tests use it (Get-Help about_EdgeePS_Testing).

Describe 'Start-EdgeeSimulator' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
    }

    AfterEach {
        Disconnect-Edgee
    }

    It 'starts on a free loopback port and -Connect points the session at it' {
        $simulator = Start-EdgeeSimulator -Connect
        try {
            $simulator | Should -BeOfType ([EdgeePS.Simulator])
            $simulator.BaseUrl | Should -Match '^http://127\.0\.0\.1:\d+$'
            (Get-EdgeeConfiguration).BaseUrl | Should -Be $simulator.BaseUrl
            (Send-EdgeeCompletion gpt-5.2 'ping').Text | Should -BeExactly 'You said: ping'
        }
        finally {
            Stop-EdgeeSimulator $simulator
        }

        (Get-EdgeeConfiguration).BaseUrlSource | Should -Not -Be 'Session'
        $simulator.Running | Should -BeFalse
    }

    It 'runs several simulators at once, each with its own queue' {
        $first = Start-EdgeeSimulator
        $second = Start-EdgeeSimulator
        try {
            $first | Add-EdgeeSimulatorResponse -Text 'one'
            $second | Add-EdgeeSimulatorResponse -Text 'two'

            (Send-EdgeeCompletion gpt-5.2 'x' -ApiKey 'k' -BaseUrl $second).Text | Should -Be 'two'
            (Send-EdgeeCompletion gpt-5.2 'x' -ApiKey 'k' -BaseUrl $first).Text | Should -Be 'one'
        }
        finally {
            $first, $second | Stop-EdgeeSimulator
        }
    }

    It 'answers requests from ForEach-Object -Parallel, each its own' {
        $simulator = Start-EdgeeSimulator
        try {
            $manifest = Get-EdgeePSManifestPath
            $replies = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifest
                (Send-EdgeeCompletion gpt-5.2 "call $_" -ApiKey 'k' -BaseUrl $using:simulator.BaseUrl).Text
            }

            $replies | Sort-Object | Should -Be (1..8 | ForEach-Object { "You said: call $_" } | Sort-Object)
            @(Get-EdgeeSimulatorRequest $simulator).Count | Should -Be 8
        }
        finally {
            Stop-EdgeeSimulator $simulator
        }
    }

    It 'answers 401 without a bearer token and lists models' {
        $simulator = Start-EdgeeSimulator
        try {
            $client = [System.Net.Http.HttpClient]::new()
            try {
                $content = [System.Net.Http.StringContent]::new('{}')
                $response = $client.PostAsync("$($simulator.BaseUrl)/v1/chat/completions", $content).GetAwaiter().GetResult()
                [int] $response.StatusCode | Should -Be 401
                ($response.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).error.type | Should -Be 'authentication_error'
            }
            finally {
                $client.Dispose()
            }

            (Get-EdgeeModel -ApiKey 'k' -BaseUrl $simulator).Id | Should -Contain 'gpt-5.2'
        }
        finally {
            Stop-EdgeeSimulator $simulator
        }
    }
}

Describe 'Add-EdgeeSimulatorResponse' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $simulator = Start-EdgeeSimulator -Connect
        $PSDefaultParameterValues = @{ '*-Edgee*:RetryIntervalSec' = 0 }
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'streams -Text a chunk per word and sends it whole when the request does not stream' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'Disk is full' -Count 2

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'status')
        ($chunks | Where-Object Text).Text | Should -Be @('Disk', ' is', ' full')
        $chunks[0].Role | Should -Be 'assistant'
        (Send-EdgeeCompletion gpt-5.2 'status').Text | Should -BeExactly 'Disk is full'
    }

    It 'streams a tool call as fragments: id and name first, then the arguments' {
        $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ name = 'get_service_status'; arguments = @{ unit = 'nginx' } }

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'Is nginx up?')
        $fragments = @($chunks.Choices.Delta.ToolCalls | Where-Object { $_ })

        $fragments[0].Id | Should -Be 'call_1'
        $fragments[0].Function.Name | Should -Be 'get_service_status'
        $fragments.Count | Should -BeGreaterThan 2
        (-join $fragments.Function.Arguments | ConvertFrom-Json).unit | Should -Be 'nginx'
        ($chunks | Where-Object FinishReason)[-1].FinishReason | Should -Be 'tool_calls'
    }

    It 'puts tool calls and reasoning into a whole answer''s message' {
        $simulator | Add-EdgeeSimulatorResponse -Reasoning 'Check the unit' -ToolCall @{ name = 'get_service_status'; arguments = @{ unit = 'nginx' } }

        $reply = Send-EdgeeCompletion gpt-5.2 'Is nginx up?'

        $reply.FinishReason | Should -Be 'tool_calls'
        $reply.ToolCalls[0].Function.Name | Should -Be 'get_service_status'
        $reply.Usage.ReasoningTokens | Should -Be 3
    }

    It 'refuses with -Status, and the client retries into the next answer' {
        $simulator | Add-EdgeeSimulatorResponse -Status 429 -RetryAfterSec 0
        $simulator | Add-EdgeeSimulatorResponse -Text 'Recovered.'
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count

        (Send-EdgeeCompletion gpt-5.2 'hello').Text | Should -BeExactly 'Recovered.'
        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 2
    }

    It 'refuses with a 200 whose only event is the error, with -InStream' {
        $simulator | Add-EdgeeSimulatorResponse -Status 429 -InStream -ErrorCode usage_limit_exceeded

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'hello' -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $chunks.Count | Should -Be 0
        $failures.Count | Should -Be 1
        $failures[0].Exception.ErrorCode | Should -Be 'usage_limit_exceeded'
    }

    It 'cuts a stream short with -DropAfter, keeping what arrived' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'one two three four' -DropAfter 3

        $text = -join (Invoke-EdgeeStream gpt-5.2 'count' -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue).Text

        $text | Should -BeExactly 'one two'
        $failures[0].FullyQualifiedErrorId | Should -Be 'StreamTruncated,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
    }

    It 'goes silent with -StallAfter and -StallSec' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'slow answer' -StallAfter 2 -StallSec 5

        $text = -join (Invoke-EdgeeStream gpt-5.2 'wait' -IdleTimeoutSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue).Text

        $text | Should -BeExactly 'slow'
        $failures[0].FullyQualifiedErrorId | Should -Be 'StreamIdleTimeout,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
    }

    It 'sends one broken event with -MalformedAfter, then the rest' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'one two' -MalformedAfter 1

        $text = -join (Invoke-EdgeeStream gpt-5.2 'x' -ErrorVariable failures -ErrorAction SilentlyContinue).Text

        $text | Should -BeExactly 'one two'
        $failures[0].FullyQualifiedErrorId | Should -Be 'MalformedStreamEvent,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
    }

    It 'lets the runbook stop early with Select-Object -First' {
        $simulator | Add-EdgeeSimulatorResponse -Text ((1..100) -join ' ') -ChunkDelayMs 50

        $first = @(Invoke-EdgeeStream gpt-5.2 'count' | Select-Object -First 4)

        -join $first.Text | Should -BeExactly '1 2 3'
        (Send-EdgeeCompletion gpt-5.2 'next').Text | Should -BeExactly 'You said: next'
    }

    It 'refuses <Name> with <ErrorId>' -ForEach @(
        @{ Name = '-Status with -Text'; Parameters = @{ Status = 500; Text = 'hi' }; ErrorId = 'StatusConflictsWithAnswer' }
        @{ Name = '-StallAfter without -StallSec'; Parameters = @{ Text = 'hi'; StallAfter = 1 }; ErrorId = 'StallParametersIncomplete' }
        @{ Name = 'a fault past the last chunk'; Parameters = @{ Text = 'hi'; DropAfter = 9 }; ErrorId = 'FaultBeyondAnswer' }
        @{ Name = '-ErrorMessage without -Status'; Parameters = @{ ErrorMessage = 'x' }; ErrorId = 'StatusMissing' }
        @{ Name = 'no answer at all'; Parameters = @{ Reasoning = 'x' }; ErrorId = 'ResponseMissing' }
    ) {
        { Add-EdgeeSimulatorResponse $simulator @Parameters } | Should -Throw -ErrorId "$ErrorId,EdgeePS.Cmdlets.AddEdgeeSimulatorResponseCommand"
        $simulator.QueuedResponses | Should -Be 0
    }
}

Describe 'Get-EdgeeSimulatorRequest' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $simulator = Start-EdgeeSimulator -Connect
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'returns what arrived, in order, with the body parsed' {
        $null = Send-EdgeeCompletion gpt-5.2 'first' -SystemPrompt 'Be brief.' -Tag runbook
        $null = Invoke-EdgeeStream claude-sonnet-4.5 'second'

        $requests = @(Get-EdgeeSimulatorRequest $simulator)
        $requests.Count | Should -Be 2
        $requests[0].BodyObject.messages[0].content | Should -Be 'Be brief.'
        $requests[0].BodyObject.messages[1].content | Should -Be 'first'
        $requests[0].BodyObject.tags | Should -Be 'runbook'
        $requests[0].Headers['Authorization'] | Should -Match '^Bearer '
        $requests[1].BodyObject.stream | Should -BeTrue
        ($simulator | Get-EdgeeSimulatorRequest -Last 1).BodyObject.model | Should -Be 'claude-sonnet-4.5'
    }
}

Describe 'Stopping simulators' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        function Test-Listening([string] $BaseUrl) {
            $client = [System.Net.Sockets.TcpClient]::new()
            try { $client.Connect('127.0.0.1', ([uri] $BaseUrl).Port); $true } catch { $false } finally { $client.Dispose() }
        }
    }

    It 'stops the simulators of this session when the module is removed' {
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $simulator = Start-EdgeeSimulator

        Remove-Module EdgeePS

        Test-Listening $simulator.BaseUrl | Should -BeFalse
    }

    It 'stops the simulators a parallel runspace started when it closes' {
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $manifest = Get-EdgeePSManifestPath

        $addresses = 1..2 | ForEach-Object -Parallel { Import-Module $using:manifest; (Start-EdgeeSimulator).BaseUrl }

        $addresses | ForEach-Object { Test-Listening $_ } | Should -Be @($false, $false)
    }
}
