# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester

Describe 'Send-EdgeeCompletion' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-EdgeeSimulator
        $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-pester-completion'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }
    }

    AfterAll {
        Stop-EdgeeSimulator -Simulator $gateway
    }

    It 'returns the whole answer as one CompletionResponse' {
        $reply = Send-EdgeeCompletion gpt-5.2 'hello'

        $reply | Should -BeOfType ([EdgeePS.CompletionResponse])
        $reply.Text | Should -BeExactly 'You said: hello'
        "$reply" | Should -BeExactly 'You said: hello'
        $reply.FinishReason | Should -Be 'stop'
        $reply.Usage.TotalTokens | Should -BeGreaterThan 0
        $reply.Provider | Should -Be 'openai'
    }

    It 'does not ask the gateway to stream' {
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $null = Send-EdgeeCompletion gpt-5.2 'hello'

        $body = @(Get-EdgeeSimulatorRequest -Simulator $gateway)[$before].Body | ConvertFrom-Json
        $body.stream | Should -Not -BeTrue
    }

    It 'streams with -Stream exactly as Invoke-EdgeeStream does' {
        $chunks = @(Send-EdgeeCompletion gpt-5.2 'hello' -Stream)

        $chunks[0] | Should -BeOfType ([EdgeePS.StreamChunk])
        -join $chunks.Text | Should -BeExactly 'You said: hello'
    }

    It 'sends the tools and tool choice of a hashtable input' {
        $tools = @(@{
                type     = 'function'
                function = @{
                    name        = 'get_service_status'
                    description = 'Current status of a systemd unit'
                    parameters  = @{ type = 'object'; properties = @{ unit = @{ type = 'string' } }; required = @('unit') }
                }
            })
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $null = Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'Is nginx running?' }); tools = $tools; tool_choice = 'auto' }

        $body = @(Get-EdgeeSimulatorRequest -Simulator $gateway)[$before].Body | ConvertFrom-Json
        $body.tool_choice | Should -Be 'auto'
        $body.tools[0].function.name | Should -Be 'get_service_status'
        $body.tools[0].function.parameters.required | Should -Be 'unit'
    }

    It 'returns the tool calls the model asks for' {
        Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ id = 'call_1'; name = 'get_service_status'; arguments = @{ unit = 'nginx' } }

        $reply = Send-EdgeeCompletion gpt-5.2 'Is nginx running?'

        $reply.FinishReason | Should -Be 'tool_calls'
        $reply.ToolCalls.Count | Should -Be 1
        $reply.ToolCalls[0].Id | Should -Be 'call_1'
        $reply.ToolCalls[0].Function.Name | Should -Be 'get_service_status'
        ($reply.ToolCalls[0].Function.Arguments | ConvertFrom-Json).unit | Should -Be 'nginx'
    }

    It 'sends one request per row of a CSV file, the model and prompt from its columns and nothing of the others' {
        $path = Join-Path $TestDrive 'prompts.csv'
        Set-Content -LiteralPath $path -Value 'Model,Prompt,Ticket', 'gpt-5.2,"Explain DNS, briefly",OPS-1', 'mistral-large,Explain BGP,OPS-2'
        $before = @(Get-EdgeeSimulatorRequest -Simulator $gateway).Count

        $texts = Import-Csv -LiteralPath $path | Send-EdgeeCompletion | ForEach-Object Text

        $texts | Should -Be @('You said: Explain DNS, briefly', 'You said: Explain BGP')
        $requests = @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Select-Object -Skip $before
        $requests.Count | Should -Be 2
        $requests.BodyObject.model | Should -Be @('gpt-5.2', 'mistral-large')
        $requests | ForEach-Object { $_.Body | Should -Not -Match 'OPS-|Ticket' }
    }
}

Describe 'Get-EdgeeModel' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-EdgeeSimulator
        $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-pester-models'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }
    }

    AfterAll {
        Stop-EdgeeSimulator -Simulator $gateway
    }

    It 'lists the models the gateway offers' {
        $models = @(Get-EdgeeModel)

        $models.Id | Should -Be @('gpt-5.2', 'gpt-5-mini', 'claude-sonnet-4.5', 'mistral-large')
        $models[0] | Should -BeOfType ([EdgeePS.ModelInfo])
        $models[0].OwnedBy | Should -Be 'openai'
        $models[0].CreatedAt.Year | Should -Be 2023
    }

    It 'filters by name with wildcards' {
        (Get-EdgeeModel -Name 'claude-*').Id | Should -Be 'claude-sonnet-4.5'
        @(Get-EdgeeModel -Name 'nothing-*') | Should -HaveCount 0
    }
}
