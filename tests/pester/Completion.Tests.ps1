# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester

Describe 'Send-EdgeeCompletion' {
    BeforeAll {
        . "$PSScriptRoot/TestGateway.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-TestGateway
        $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-pester-completion'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }
    }

    AfterAll {
        Stop-TestGateway -Gateway $gateway
    }

    It 'returns the whole answer as one CompletionResponse' {
        $reply = Send-EdgeeCompletion gpt-5.2 'hello'

        $reply | Should -BeOfType ([EdgeePS.CompletionResponse])
        $reply.Text | Should -BeExactly 'You said: hello'
        "$reply" | Should -BeExactly 'You said: hello'
        $reply.FinishReason | Should -Be 'stop'
        $reply.Usage.TotalTokens | Should -BeGreaterThan 0
        $reply.Provider | Should -Be 'test-gateway'
    }

    It 'does not ask the gateway to stream' {
        $before = @(Get-TestGatewayRequest -Gateway $gateway).Count

        $null = Send-EdgeeCompletion gpt-5.2 'hello'

        $body = @(Get-TestGatewayRequest -Gateway $gateway)[$before].Body | ConvertFrom-Json
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
        $before = @(Get-TestGatewayRequest -Gateway $gateway).Count

        $null = Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'Is nginx running?' }); tools = $tools; tool_choice = 'auto' }

        $body = @(Get-TestGatewayRequest -Gateway $gateway)[$before].Body | ConvertFrom-Json
        $body.tool_choice | Should -Be 'auto'
        $body.tools[0].function.name | Should -Be 'get_service_status'
        $body.tools[0].function.parameters.required | Should -Be 'unit'
    }

    It 'returns the tool calls the model asks for' {
        Add-TestGatewayResponse -Gateway $gateway -Body ('{"id":"chatcmpl-tools","object":"chat.completion","created":1700000000,"model":"gpt-5.2",' +
            '"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",' +
            '"function":{"name":"get_service_status","arguments":"{\"unit\":\"nginx\"}"}}]},"finish_reason":"tool_calls"}]}')

        $reply = Send-EdgeeCompletion gpt-5.2 'Is nginx running?'

        $reply.FinishReason | Should -Be 'tool_calls'
        $reply.ToolCalls.Count | Should -Be 1
        $reply.ToolCalls[0].Id | Should -Be 'call_1'
        $reply.ToolCalls[0].Function.Name | Should -Be 'get_service_status'
        ($reply.ToolCalls[0].Function.Arguments | ConvertFrom-Json).unit | Should -Be 'nginx'
    }
}

Describe 'Get-EdgeeModel' {
    BeforeAll {
        . "$PSScriptRoot/TestGateway.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force
        $gateway = Start-TestGateway
        $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-pester-models'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }
    }

    AfterAll {
        Stop-TestGateway -Gateway $gateway
    }

    It 'lists the models the gateway offers' {
        $models = @(Get-EdgeeModel)

        $models.Id | Should -Be @('gpt-5.2', 'gpt-5-mini', 'claude-sonnet-4.5')
        $models[0] | Should -BeOfType ([EdgeePS.ModelInfo])
        $models[0].OwnedBy | Should -Be 'openai'
        $models[0].CreatedAt.Year | Should -Be 2023
    }

    It 'filters by name with wildcards' {
        (Get-EdgeeModel -Name 'claude-*').Id | Should -Be 'claude-sonnet-4.5'
        @(Get-EdgeeModel -Name 'nothing-*') | Should -HaveCount 0
    }
}
