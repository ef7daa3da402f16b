# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester
# Whole answers from streams, as a runbook gets them: Join-EdgeeStream, reasoning, usage, and a stream into a file.
# Each Describe starts a simulator of its own.

BeforeAll {
    . "$PSScriptRoot/ModuleUnderTest.ps1"
    Import-Module -Name (Get-EdgeePSManifestPath) -Force
}

Describe 'Join-EdgeeStream' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'joins a streamed answer into its text, finish reason and usage' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'The disk is 93% full.' -Usage @{ prompt = 12; completion = 7 }

        $replies = @(Invoke-EdgeeStream gpt-5.2 'Summarise the alert' | Join-EdgeeStream)

        $replies.Count | Should -Be 1
        $reply = $replies[0]
        $reply | Should -BeOfType ([EdgeePS.CompletionResponse])
        $reply.Text | Should -BeExactly 'The disk is 93% full.'
        $reply.Message.Role | Should -Be 'assistant'
        $reply.FinishReason | Should -Be 'stop'
        $reply.Model | Should -Be 'gpt-5.2'
        $reply.Usage.PromptTokens | Should -Be 12
        $reply.Usage.CompletionTokens | Should -Be 7
        $reply.Usage.TotalTokens | Should -Be 19
        $reply.IsComplete | Should -BeTrue
    }

    It 'puts two parallel tool calls back together from their fragments' {
        $simulator | Add-EdgeeSimulatorResponse -ToolCall @(
            @{ id = 'call_web01'; name = 'get_service_status'; arguments = [ordered]@{ host = 'web01'; unit = 'nginx'; port = 80 } }
            @{ id = 'call_web02'; name = 'get_load'; arguments = [ordered]@{ host = 'web02' } }
        )

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'Check web01 and web02')
        $reply = $chunks | Join-EdgeeStream

        # The stream really is in fragments: each call's name first, then its arguments in several pieces.
        @($chunks.Choices.Delta.ToolCalls | Where-Object { $_ }).Count | Should -BeGreaterThan 4
        $reply.FinishReason | Should -Be 'tool_calls'
        $reply.ToolCalls.Count | Should -Be 2
        $reply.ToolCalls.Id | Should -Be @('call_web01', 'call_web02')
        $reply.ToolCalls.Type | Should -Be @('function', 'function')
        $reply.ToolCalls.Function.Name | Should -Be @('get_service_status', 'get_load')
        $reply.ToolCalls[0].Function.Arguments | Should -BeExactly '{"host":"web01","unit":"nginx","port":80}'
        $reply.ToolCalls[1].Function.Arguments | Should -BeExactly '{"host":"web02"}'
        $reply.ToolCalls[0].ArgumentsObject.host | Should -Be 'web01'
        $reply.ToolCalls[0].ArgumentsObject.unit | Should -Be 'nginx'
        $reply.ToolCalls[0].ArgumentsObject.port | Should -Be 80
        $reply.ToolCalls[0].ArgumentsObject.port | Should -BeOfType ([long])
        $reply.ToolCalls[1].ArgumentsObject.host | Should -Be 'web02'
    }

    It 'gives arguments that are not JSON no ArgumentsObject, and no error' {
        $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ name = 'get_service_status'; arguments = '{"unit": nginx' }

        $reply = Invoke-EdgeeStream gpt-5.2 'Is nginx up?' -ErrorVariable failures | Join-EdgeeStream

        $reply.ToolCalls[0].Function.Arguments | Should -BeExactly '{"unit": nginx'
        $reply.ToolCalls[0].ArgumentsObject | Should -BeNullOrEmpty
        $failures.Count | Should -Be 0
    }

    It 'joins each choice of an n = 2 stream apart, each with its own text and finish reason' {
        # Two choices that take turns chunk by chunk: the second finishes while the first still streams.
        $simulator | Add-EdgeeSimulatorResponse -Text 'Teal is calm', 'Mauve' -ToolCall @{ name = 'paint'; arguments = @{ colour = 'teal' } }

        $reply = Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'Name a colour' }); n = 2 } | Join-EdgeeStream

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.n | Should -Be 2
        @($reply).Count | Should -Be 1
        $reply.Choices.Count | Should -Be 2
        $reply.Choices.Index | Should -Be @(0, 1)
        $reply.Choices.Message.Role | Should -Be @('assistant', 'assistant')
        $reply.Choices[0].Message.Content | Should -BeExactly 'Teal is calm'
        $reply.Choices[1].Message.Content | Should -BeExactly 'Mauve'
        $reply.Choices[0].FinishReason | Should -Be 'tool_calls'
        $reply.Choices[1].FinishReason | Should -Be 'stop'
        $reply.Choices[0].Message.ToolCalls.Function.Name | Should -Be 'paint'
        $reply.Choices[1].Message.ToolCalls | Should -BeNullOrEmpty
        $reply.Text | Should -BeExactly 'Teal is calm'
        $reply.IsComplete | Should -BeTrue
    }

    It 'joins each answer of a piped batch into a response of its own, in order' {
        $replies = @('a', 'b' | Invoke-EdgeeStream gpt-5.2 | Join-EdgeeStream)

        $replies.Count | Should -Be 2
        $replies.Text | Should -Be @('You said: a', 'You said: b')
        $replies.FinishReason | Should -Be @('stop', 'stop')
        # The simulator gives every answer the same id: the answers are told apart by more than their Id.
        $replies[0].Id | Should -Be $replies[1].Id
    }

    It 'joins saved chunks, and the chunks Show-EdgeeStream -PassThru passes on, into the same response' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'Rotate the logs on web01.' -Reasoning 'The disk fills with logs.' -Count 2

        $chunks = @(Invoke-EdgeeStream gpt-5.2 'What now?')
        $saved = $chunks | Join-EdgeeStream
        $watched = Invoke-EdgeeStream gpt-5.2 'What now?' | Show-EdgeeStream -PassThru 6>$null | Join-EdgeeStream

        $saved.Text | Should -BeExactly 'Rotate the logs on web01.'
        $saved.Reasoning | Should -BeExactly 'The disk fills with logs.'
        ($watched | ConvertTo-Json -Depth 8) | Should -BeExactly ($saved | ConvertTo-Json -Depth 8)
        (Join-EdgeeStream $chunks | ConvertTo-Json -Depth 8) | Should -BeExactly ($saved | ConvertTo-Json -Depth 8)
    }

    It 'gives the same response as Send-EdgeeCompletion for the same answer' {
        $simulator | Add-EdgeeSimulatorResponse -Count 2 -Text 'Restart nginx on web01.' -Reasoning 'nginx is down.' `
            -ToolCall @{ name = 'restart_service'; arguments = [ordered]@{ host = 'web01'; unit = 'nginx' } } -Usage @{ prompt = 40; completion = 31 }

        $whole = Send-EdgeeCompletion gpt-5.2 'Fix web01'
        $joined = Invoke-EdgeeStream gpt-5.2 'Fix web01' | Join-EdgeeStream

        $whole.Text | Should -BeExactly 'Restart nginx on web01.'
        $joined.Text | Should -BeExactly $whole.Text
        $joined.Reasoning | Should -BeExactly $whole.Reasoning
        $joined.FinishReason | Should -Be 'tool_calls'
        $joined.FinishReason | Should -Be $whole.FinishReason
        $joined.Usage.PromptTokens | Should -Be $whole.Usage.PromptTokens
        $joined.Usage.CompletionTokens | Should -Be $whole.Usage.CompletionTokens
        $joined.Usage.TotalTokens | Should -Be 71
        $joined.Usage.TotalTokens | Should -Be $whole.Usage.TotalTokens
        $joined.ToolCalls.Count | Should -Be 1
        $joined.ToolCalls[0].Id | Should -Be $whole.ToolCalls[0].Id
        $joined.ToolCalls[0].Function.Name | Should -Be $whole.ToolCalls[0].Function.Name
        $joined.ToolCalls[0].Function.Arguments | Should -BeExactly $whole.ToolCalls[0].Function.Arguments
        # Every other property too.
        ($joined | ConvertTo-Json -Depth 8) | Should -BeExactly ($whole | ConvertTo-Json -Depth 8)
    }
}

Describe 'A stream that ends early' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'joins what arrived before the connection closed, marked incomplete' {
        # The role chunk, 'Disk' and ' full', then the connection closes.
        $simulator | Add-EdgeeSimulatorResponse -Text 'Disk full on web-1 and web-2' -DropAfter 3

        $reply = Invoke-EdgeeStream gpt-5.2 'Report' -ErrorVariable failures -ErrorAction SilentlyContinue | Join-EdgeeStream

        $reply.Text | Should -BeExactly 'Disk full'
        $reply.IsComplete | Should -BeFalse
        $reply.FinishReason | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'StreamTruncated,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
    }

    It 'joins what arrived before an error event, marked incomplete, and the error says what the gateway said' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'Disk full on web-1 and web-2' -ErrorAfter 3 -ErrorType provider_error -ErrorMessage 'The upstream provider failed'

        $reply = Invoke-EdgeeStream gpt-5.2 'Report' -ErrorVariable failures -ErrorAction SilentlyContinue | Join-EdgeeStream

        $reply.Text | Should -BeExactly 'Disk full'
        $reply.IsComplete | Should -BeFalse
        $reply.FinishReason | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'StreamErrorEvent,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand'
        $failures[0].Exception.ErrorType | Should -Be 'provider_error'
        $failures[0].Exception.Message | Should -Match 'The upstream provider failed'
    }

    It 'joins a whole answer after an incomplete one, each as it ended' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'cut short here' -DropAfter 2
        $simulator | Add-EdgeeSimulatorResponse -Text 'whole this time'

        $replies = @('first', 'second' | Invoke-EdgeeStream gpt-5.2 -ErrorAction SilentlyContinue | Join-EdgeeStream)

        $replies.Count | Should -Be 2
        $replies.Text | Should -Be @('cut', 'whole this time')
        $replies.IsComplete | Should -Be @($false, $true)
    }
}

Describe 'Reasoning' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
        $reasoning = 'The pod ran out of memory.'
        $answer = 'Raise the limit.'

        # What the host showed, with the line breaks Show-EdgeeStream asked for and without ANSI styles.
        function Get-ShownText([object[]] $Records) {
            -join ($Records | ForEach-Object {
                    $message = $_.MessageData
                    $message.Message + $(if ($message.NoNewLine) { '' } else { "`n" })
                }) -replace "`e\[\d+m", ''
        }
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    BeforeEach {
        $simulator | Add-EdgeeSimulatorResponse -Reasoning $reasoning -Text $answer
    }

    It 'keeps the reasoning out of the text: ForEach-Object Text is the answer alone' {
        $texts = Invoke-EdgeeStream gpt-5.2 'Why did the pod die?' | ForEach-Object Text

        -join $texts | Should -BeExactly $answer
    }

    It 'carries the reasoning on the chunks and on the joined answer' {
        $chunks = @(Invoke-EdgeeStream gpt-5.2 'Why did the pod die?')
        $reply = $chunks | Join-EdgeeStream

        -join $chunks.Reasoning | Should -BeExactly $reasoning
        $reply.Reasoning | Should -BeExactly $reasoning
        $reply.Message.Reasoning | Should -BeExactly $reasoning
        $reply.Text | Should -BeExactly $answer
        # One reasoning token per word the simulator streams.
        $reply.Usage.ReasoningTokens | Should -Be 6
    }

    It 'is shown by Show-EdgeeStream -IncludeReasoning before the answer, in a paragraph of its own' {
        $shown = Invoke-EdgeeStream gpt-5.2 'Why did the pod die?' | Show-EdgeeStream -IncludeReasoning 6>&1

        Get-ShownText $shown | Should -BeExactly "$reasoning`n`n$answer`n"
    }

    It 'is not shown by Show-EdgeeStream without -IncludeReasoning' {
        $shown = Invoke-EdgeeStream gpt-5.2 'Why did the pod die?' | Show-EdgeeStream 6>&1

        Get-ShownText $shown | Should -BeExactly "$answer`n"
    }
}

Describe 'Usage on streams' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'is asked for by default, and the usage chunk leaves the text clean' {
        $chunks = @(Invoke-EdgeeStream gpt-5.2 'three words here')

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.stream_options.include_usage | Should -BeTrue
        $chunks[-1].Usage.PromptTokens | Should -Be 3
        $chunks[-1].Text | Should -BeExactly ''
        -join $chunks.Text | Should -BeExactly 'You said: three words here'
        ($chunks | Join-EdgeeStream).Usage.TotalTokens | Should -BeGreaterThan 3
    }

    It 'is not asked for with -IncludeUsage:$false' {
        $reply = Invoke-EdgeeStream gpt-5.2 'no usage please' -IncludeUsage:$false | Join-EdgeeStream

        $body = (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject
        $body.stream | Should -BeTrue
        $body.PSObject.Properties.Name | Should -Not -Contain 'stream_options'
        $reply.Usage | Should -BeNullOrEmpty
        $reply.Text | Should -BeExactly 'You said: no usage please'
    }

    It 'leaves the input''s own stream_options as they are' {
        $null = Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'hi' }); stream_options = @{ include_usage = $false } }

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.stream_options.include_usage | Should -BeFalse
    }
}

Describe 'Streaming into a file' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator
        $manifest = Get-EdgeePSManifestPath

        # Out-File still has the file open: read beside it, as tail -f does.
        function Read-Shared([string] $Path) {
            if (-not (Test-Path -LiteralPath $Path)) { return '' }
            $stream = [System.IO.FileStream]::new($Path, 'Open', 'Read', 'ReadWrite, Delete')
            try { [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::UTF8).ReadToEnd() } finally { $stream.Dispose() }
        }
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'writes each piece as it arrives with ForEach-Object Text | Out-File -NoNewline' {
        $path = Join-Path $TestDrive 'answer.md'
        # Three chunks (the role, 'Disk' and ' full'), then the gateway goes silent for a while, then the rest.
        $simulator | Add-EdgeeSimulatorResponse -Text 'Disk full on web01: rotate the logs.' -StallAfter 3 -StallSec 6

        $baseUrl = $simulator.BaseUrl
        $job = Start-ThreadJob {
            Import-Module $using:manifest
            Invoke-EdgeeStream gpt-5.2 'Runbook for a full disk' -ApiKey 'sk-pester-file' -BaseUrl $using:baseUrl |
                ForEach-Object Text | Out-File -NoNewline -LiteralPath $using:path
        }
        try {
            # The silence begins when the request arrives; a bounded wait, for a job slow to start on a busy machine.
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            do {
                Start-Sleep -Milliseconds 50
                $halfway = Read-Shared $path
                $stateHalfway = $job.State
            } until ($halfway -ceq 'Disk full' -or $stateHalfway -in 'Completed', 'Failed', 'Stopped' -or $clock.Elapsed.TotalSeconds -gt 30)

            $halfway | Should -BeExactly 'Disk full'
            $stateHalfway | Should -Be 'Running'
        }
        finally {
            $null = $job | Wait-Job -Timeout 60
            $state = $job.State
            $null = $job | Receive-Job -ErrorVariable failures -ErrorAction SilentlyContinue
            $job | Remove-Job -Force
        }

        $state | Should -Be 'Completed'
        $failures.Count | Should -Be 0
        Read-Shared $path | Should -BeExactly 'Disk full on web01: rotate the logs.'
    }
}
