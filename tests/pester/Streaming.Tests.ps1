# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester
# Set $env:EDGEEPS_MANIFEST to test another copy of the module, e.g. the package in out/EdgeePS/<version>.

Describe 'Invoke-EdgeeStream' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-EdgeeSimulator
        $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-pester-stream'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }
    }

    AfterAll {
        Stop-EdgeeSimulator -Simulator $gateway
    }

    It 'writes one StreamChunk per event, ending with the finish reason and the usage streams ask for' {
        $chunks = @(Invoke-EdgeeStream gpt-5.2 'ping')

        $chunks.Count | Should -BeGreaterThan 3
        $chunks | ForEach-Object { $_ | Should -BeOfType ([EdgeePS.StreamChunk]) }
        $chunks[0].Role | Should -Be 'assistant'
        $chunks[-2].FinishReason | Should -Be 'stop'
        $chunks[-1].Usage.TotalTokens | Should -BeGreaterThan 0
    }

    It 'joins back into the whole answer with -join' {
        -join (Invoke-EdgeeStream gpt-5.2 'ping' | ForEach-Object Text) | Should -BeExactly 'You said: ping'
    }

    It 'sends the prompt as one streamed user message, with the key as a bearer token' {
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $null = Invoke-EdgeeStream gpt-5.2 'What is DNS?'

        $request = @(Get-EdgeeSimulatorRequest -Simulator $gateway)[$before]
        $request.Path | Should -Be '/v1/chat/completions'
        $request.Headers['Authorization'] | Should -Be 'Bearer sk-pester-stream'
        $body = $request.Body | ConvertFrom-Json
        $body.model | Should -Be 'gpt-5.2'
        $body.stream | Should -BeTrue
        $body.messages.Count | Should -Be 1
        $body.messages[0].role | Should -Be 'user'
        $body.messages[0].content | Should -Be 'What is DNS?'
    }

    It 'sends one request per piped prompt' {
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $text = -join ('one', 'two' | Invoke-EdgeeStream gpt-5.2 | ForEach-Object Text)

        $text | Should -BeExactly 'You said: oneYou said: two'
        @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count - $before | Should -Be 2
    }

    It 'puts -SystemPrompt, -MaxTokens, -Temperature and -Tag into the request' {
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $null = Invoke-EdgeeStream gpt-5.2 'Check this cron line' -SystemPrompt 'You are a terse SRE.' -MaxTokens 50 -Temperature 0.2 -Tag runbook

        $body = @(Get-EdgeeSimulatorRequest -Simulator $gateway)[$before].Body | ConvertFrom-Json
        $body.messages[0].role | Should -Be 'system'
        $body.messages[0].content | Should -Be 'You are a terse SRE.'
        $body.messages[1].content | Should -Be 'Check this cron line'
        $body.max_tokens | Should -Be 50
        $body.temperature | Should -Be 0.2
        $body.tags | Should -Be 'runbook'
    }

    It 'takes messages and options from a hashtable, and carries Usage on the last chunk when asked' {
        $request = @{
            messages       = @(
                @{ role = 'system'; content = 'Answer briefly.' }
                @{ role = 'user'; content = 'ping' }
            )
            stream_options = @{ include_usage = $true }
        }

        $chunks = @(Invoke-EdgeeStream gpt-5.2 $request)

        -join $chunks.Text | Should -BeExactly 'You said: ping'
        $chunks[-1].Usage.TotalTokens | Should -BeGreaterThan 0
    }

    It 'writes each chunk as it arrives, before the answer is complete' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Text '1 2 3 4 5' -ChunkDelayMs 400
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $arrivals = [System.Collections.Generic.List[double]]::new()

        Invoke-EdgeeStream gpt-5.2 'count' | Where-Object Text | ForEach-Object { $arrivals.Add($clock.Elapsed.TotalMilliseconds) }

        $arrivals.Count | Should -Be 5
        # The last event comes about 1.6 s after the first: had the cmdlet buffered, they would arrive together.
        ($arrivals[4] - $arrivals[0]) | Should -BeGreaterThan 1000
    }

    It 'stops the stream once Select-Object -First has what it needs' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -Text ((1..50) -join ' ') -ChunkDelayMs 100
        $clock = [System.Diagnostics.Stopwatch]::StartNew()

        # The role chunk, then three words.
        $first = @(Invoke-EdgeeStream gpt-5.2 'count' | Select-Object -First 4)

        -join $first.Text | Should -BeExactly '1 2 3'
        # All 50 events would take 5 s.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
    }

    It 'shows the text on the host as one paragraph with Show-EdgeeStream' {
        $shown = Invoke-EdgeeStream gpt-5.2 'ping' | Show-EdgeeStream 6>&1

        (-join ($shown | ForEach-Object { "$_" })).Trim() | Should -BeExactly 'You said: ping'
    }

    It 'passes the chunks on with Show-EdgeeStream -PassThru' {
        $chunks = @(Invoke-EdgeeStream gpt-5.2 'ping' | Show-EdgeeStream -PassThru 6>$null)

        -join $chunks.Text | Should -BeExactly 'You said: ping'
    }
}
