# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester
# What a runbook does with issue 12: answers as objects (-JsonSchema, -Json), conversations (New-EdgeeChat, -Chat,
# Enter-EdgeeChat with piped lines) and the pipeline as context, streaming and whole. Each Describe starts a simulator.

BeforeAll {
    . "$PSScriptRoot/ModuleUnderTest.ps1"
    Import-Module -Name (Get-EdgeePSManifestPath) -Force

    # A runbook's own type for the answer it wants.
    class Alert {
        [string] $Service
        [ValidateSet('low', 'high')] [string] $Severity
        [int] $Count
        [string[]] $Hosts
    }

    # What the console shows for the host text of a command (6>&1), as Write-Host would lay it out.
    function ConvertTo-Screen {
        param([Parameter(ValueFromPipeline)] $Record)
        begin { $screen = [System.Text.StringBuilder]::new() }
        process {
            if ($Record -is [System.Management.Automation.InformationRecord]) {
                $message = $Record.MessageData
                $null = $screen.Append($message.Message)
                if (-not $message.NoNewLine) { $null = $screen.Append("`n") }
            }
        }
        end { $screen.ToString() }
    }
}

Describe 'Classify an alert into an object' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
        $alertJson = '{"Service":"nginx","Severity":"high","Count":3,"Hosts":["web01","web02"]}'
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'gives an instance of the class in Parsed, whole (<Mode>)' -ForEach @(
        @{ Mode = 'whole' }
        @{ Mode = 'streamed' }
    ) {
        $simulator | Add-EdgeeSimulatorResponse -Text $alertJson

        $reply = if ($Mode -eq 'whole') {
            Send-EdgeeCompletion gpt-5.2 'Classify: nginx 502 on web01, web02' -JsonSchema ([Alert])
        } else {
            Invoke-EdgeeStream gpt-5.2 'Classify: nginx 502 on web01, web02' -JsonSchema ([Alert]) | Join-EdgeeStream
        }

        $reply.Text | Should -BeExactly $alertJson
        $reply.Parsed.GetType().Name | Should -Be 'Alert'
        $reply.Parsed.Service | Should -Be 'nginx'
        $reply.Parsed.Severity | Should -Be 'high'
        $reply.Parsed.Count | Should -Be 3
        $reply.Parsed.Hosts | Should -Be @('web01', 'web02')

        $format = (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.response_format
        $format.type | Should -Be 'json_schema'
        $format.json_schema.strict | Should -BeTrue
        $format.json_schema.schema.additionalProperties | Should -BeFalse
        @($format.json_schema.schema.required) | Sort-Object | Should -Be @('Count', 'Hosts', 'Service', 'Severity')
        $format.json_schema.schema.properties.Hosts.type | Should -Be 'array'
    }

    It 'asks for any JSON object with -Json and gives PSCustomObjects' {
        $simulator | Add-EdgeeSimulatorResponse -Text '{"disk":"/var","used":93,"tags":["prod"]}'

        $reply = Send-EdgeeCompletion gpt-5.2 'How full is the disk?' -Json

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.response_format.type | Should -Be 'json_object'
        $reply.Parsed | Should -BeOfType ([pscustomobject])
        $reply.Parsed.disk | Should -Be '/var'
        $reply.Parsed.used | Should -Be 93
        $reply.Parsed.tags | Should -Be @('prod')
    }

    It 'sends a hashtable schema as given' {
        $schema = [ordered]@{ type = 'object'; properties = @{ ok = @{ type = 'boolean' } } }
        $simulator | Add-EdgeeSimulatorResponse -Text '{"ok":true}'

        $reply = Invoke-EdgeeStream gpt-5.2 'Is it ok?' -JsonSchema $schema | Join-EdgeeStream

        $sent = (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.response_format.json_schema.schema
        $sent.type | Should -Be 'object'
        $sent.properties.ok.type | Should -Be 'boolean'
        $sent.PSObject.Properties.Name | Should -Not -Contain 'additionalProperties'
        $reply.Parsed.ok | Should -BeTrue
    }

    It 'writes InvalidStructuredResponse for text that is not JSON and keeps the raw text (<Mode>)' -ForEach @(
        @{ Mode = 'whole' }
        @{ Mode = 'streamed' }
    ) {
        $simulator | Add-EdgeeSimulatorResponse -Text 'Sorry, nginx looks fine to me.'

        $reply = if ($Mode -eq 'whole') {
            Send-EdgeeCompletion gpt-5.2 'Classify' -JsonSchema ([Alert]) -ErrorVariable failures -ErrorAction SilentlyContinue
        } else {
            Invoke-EdgeeStream gpt-5.2 'Classify' -JsonSchema ([Alert]) | Join-EdgeeStream -ErrorVariable failures -ErrorAction SilentlyContinue
        }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStructuredResponse,*'
        $reply | Should -Not -BeNullOrEmpty
        $reply.Text | Should -BeExactly 'Sorry, nginx looks fine to me.'
        $reply.Parsed | Should -BeNullOrEmpty
    }

    It 'sets Refusal and writes ModelRefused when the model declines (<Mode>)' -ForEach @(
        @{ Mode = 'whole' }
        @{ Mode = 'streamed' }
    ) {
        $simulator | Add-EdgeeSimulatorResponse -Refusal 'I cannot classify that.'

        $reply = if ($Mode -eq 'whole') {
            Send-EdgeeCompletion gpt-5.2 'Classify' -JsonSchema ([Alert]) -ErrorVariable failures -ErrorAction SilentlyContinue
        } else {
            Invoke-EdgeeStream gpt-5.2 'Classify' -JsonSchema ([Alert]) | Join-EdgeeStream -ErrorVariable failures -ErrorAction SilentlyContinue
        }

        @($failures | Where-Object FullyQualifiedErrorId -like 'ModelRefused,*').Count | Should -Be 1
        $reply.Refusal | Should -BeExactly 'I cannot classify that.'
        $reply.Parsed | Should -BeNullOrEmpty
    }

    It 'catches ModelRefused in a runbook with -ErrorAction Stop' {
        $simulator | Add-EdgeeSimulatorResponse -Refusal 'No.'

        { Send-EdgeeCompletion gpt-5.2 'Classify' -JsonSchema ([Alert]) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ModelRefused,*'
    }
}

Describe 'A conversation in a script' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'sends the history and appends each turn (<Mode>)' -ForEach @(
        @{ Mode = 'whole' }
        @{ Mode = 'streamed' }
    ) {
        $chat = New-EdgeeChat -SystemPrompt 'You are a terse SRE.'
        $simulator | Add-EdgeeSimulatorResponse -Text 'Check the disk.' -Usage @{ prompt = 10; completion = 3 }
        $simulator | Add-EdgeeSimulatorResponse -Text 'Use df -h.' -Usage @{ prompt = 20; completion = 4 }

        if ($Mode -eq 'whole') {
            $first = Send-EdgeeCompletion gpt-5.2 'The pod restarts.' -Chat $chat
            $second = Send-EdgeeCompletion gpt-5.2 'How?' -Chat $chat
        } else {
            $first = Invoke-EdgeeStream gpt-5.2 'The pod restarts.' -Chat $chat | Join-EdgeeStream
            $second = Invoke-EdgeeStream gpt-5.2 'How?' -Chat $chat | Join-EdgeeStream
        }

        $first.Text | Should -BeExactly 'Check the disk.'
        $second.Text | Should -BeExactly 'Use df -h.'
        $chat.Messages.Role | Should -Be @('system', 'user', 'assistant', 'user', 'assistant')
        $chat.Messages.Content | Should -Be @('You are a terse SRE.', 'The pod restarts.', 'Check the disk.', 'How?', 'Use df -h.')
        $chat.Usage.PromptTokens | Should -Be 30
        $chat.Usage.CompletionTokens | Should -Be 7

        $sent = (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages
        $sent.role | Should -Be @('system', 'user', 'assistant', 'user')
        $sent.content | Should -Be @('You are a terse SRE.', 'The pod restarts.', 'Check the disk.', 'How?')
    }

    It 'appends nothing when a call fails' {
        $chat = New-EdgeeChat
        $simulator | Add-EdgeeSimulatorResponse -Status 400 -ErrorMessage 'bad request'

        Send-EdgeeCompletion gpt-5.2 'Hi' -Chat $chat -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $chat.Messages.Count | Should -Be 0
    }

    It 'saves to JSON, reloads equal, and goes on another day' {
        $chat = New-EdgeeChat -SystemPrompt 'Be brief.'
        $simulator | Add-EdgeeSimulatorResponse -Text 'It is DNS.'
        $null = Send-EdgeeCompletion gpt-5.2 'Why is the site down?' -Chat $chat
        $path = Join-Path $TestDrive 'chat.json'

        $chat.Messages | ConvertTo-Json -Depth 10 | Set-Content $path
        $again = New-EdgeeChat -Messages (Get-Content $path -Raw | ConvertFrom-Json)

        $again.Messages.Count | Should -Be $chat.Messages.Count
        for ($i = 0; $i -lt $chat.Messages.Count; $i++) {
            $again.Messages[$i].Role | Should -BeExactly $chat.Messages[$i].Role
            $again.Messages[$i].Content | Should -BeExactly $chat.Messages[$i].Content
        }
        ($again.Messages | ConvertTo-Json -Depth 10) | Should -BeExactly ($chat.Messages | ConvertTo-Json -Depth 10)

        $simulator | Add-EdgeeSimulatorResponse -Text 'Flush the cache.'
        (Send-EdgeeCompletion gpt-5.2 'And now?' -Chat $again).Text | Should -BeExactly 'Flush the cache.'
        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages.content |
            Should -Be @('Be brief.', 'Why is the site down?', 'It is DNS.', 'And now?')
        $again.Messages.Count | Should -Be 5
    }
}

Describe 'Enter-EdgeeChat with piped lines' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'answers each line, shows the answer, and leaves at /exit' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'Hello there.'
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count

        $shown = 'Hi', '/exit', 'never sent' | Enter-EdgeeChat gpt-5.2 6>&1 | ConvertTo-Screen

        $shown | Should -BeExactly "Chatting with gpt-5.2 (/exit leaves, /reset starts over, /save <path> writes the messages).`n> Hi`nHello there.`n> /exit`n"
        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 1
        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages.content | Should -Be @('Hi')
    }

    It 'keeps the conversation and returns it with -PassThru' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'One.'
        $simulator | Add-EdgeeSimulatorResponse -Text 'Two.'

        $chat = 'First', 'Second', '/exit' | Enter-EdgeeChat gpt-5.2 -SystemPrompt 'Count.' -PassThru 6>$null

        $chat | Should -BeOfType ([EdgeePS.Chat])
        $chat.Messages.Role | Should -Be @('system', 'user', 'assistant', 'user', 'assistant')
        $chat.Messages.Content | Should -Be @('Count.', 'First', 'One.', 'Second', 'Two.')
        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages.content | Should -Be @('Count.', 'First', 'One.', 'Second')
    }

    It 'starts over at /reset' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'A.'
        $simulator | Add-EdgeeSimulatorResponse -Text 'B.'

        $chat = 'Forget me', '/reset', 'Fresh', '/exit' | Enter-EdgeeChat gpt-5.2 -SystemPrompt 'Sys.' -PassThru 6>$null

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages.content | Should -Be @('Sys.', 'Fresh')
        $chat.Messages.Content | Should -Be @('Sys.', 'Fresh', 'B.')
    }

    It 'writes the messages at /save, readable by New-EdgeeChat' {
        $simulator | Add-EdgeeSimulatorResponse -Text 'Saved answer.'
        $path = Join-Path $TestDrive 'saved.json'

        'Keep this', "/save $path", '/exit' | Enter-EdgeeChat gpt-5.2 6>$null

        $path | Should -Exist
        $loaded = New-EdgeeChat -Messages (Get-Content $path -Raw | ConvertFrom-Json)
        $loaded.Messages.Role | Should -Be @('user', 'assistant')
        $loaded.Messages.Content | Should -Be @('Keep this', 'Saved answer.')
    }

    It 'goes on with a chat given to -Chat' {
        $chat = New-EdgeeChat -Messages @(@{ role = 'user'; content = 'Earlier' }, @{ role = 'assistant'; content = 'Yes?' })
        $simulator | Add-EdgeeSimulatorResponse -Text 'Later.'

        'Now', '/exit' | Enter-EdgeeChat gpt-5.2 -Chat $chat 6>$null

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages.content | Should -Be @('Earlier', 'Yes?', 'Now')
        $chat.Messages.Count | Should -Be 4
    }
}

Describe 'Ask about a log' {
    BeforeAll {
        $simulator = Start-EdgeeSimulator -Connect
        $log = Join-Path $TestDrive 'app.log'
        Set-Content $log -Value @('12:00 start', '12:01 ERROR disk full', '12:02 retry')
    }

    AfterAll {
        Stop-EdgeeSimulator $simulator
    }

    It 'sends the lines with the prompt in ONE request (<Mode>)' -ForEach @(
        @{ Mode = 'whole' }
        @{ Mode = 'streamed' }
    ) {
        $simulator | Add-EdgeeSimulatorResponse -Text 'The disk filled at 12:01.'
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count

        $reply = if ($Mode -eq 'whole') {
            Get-Content $log | Send-EdgeeCompletion gpt-5.2 'Summarise this log'
        } else {
            Get-Content $log | Invoke-EdgeeStream gpt-5.2 'Summarise this log' | Join-EdgeeStream
        }

        @($reply).Count | Should -Be 1
        $reply.Text | Should -BeExactly 'The disk filled at 12:01.'
        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 1
        $messages = @((Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages)
        $messages.Count | Should -Be 1
        $messages[0].role | Should -Be 'user'
        $messages[0].content | Should -BeExactly "<context>`n12:00 start`n12:01 ERROR disk full`n12:02 retry`n</context>`n`nSummarise this log"
    }

    It 'still sends one request per piped string when only the model is given' {
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count

        $texts = 'a', 'b' | Invoke-EdgeeStream gpt-5.2 | Join-EdgeeStream | ForEach-Object Text

        $texts | Should -Be @('You said: a', 'You said: b')
        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 2
    }

    It 'takes piped objects with an Id as context when the model and prompt are on the command line' {
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count
        $processes = [pscustomobject]@{ Name = 'nginx'; Id = 4242; WS = 900MB }, [pscustomobject]@{ Name = 'sshd'; Id = 17; WS = 5MB }

        $reply = $processes | Send-EdgeeCompletion gpt-5.2 'Which of these looks wrong?'

        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 1
        $body = (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject
        $body.model | Should -Be 'gpt-5.2'
        $body.messages[0].content | Should -Match 'nginx'
        $body.messages[0].content | Should -Match '4242'
        $body.messages[0].content | Should -Match 'sshd'
        $body.messages[0].content | Should -Match 'Which of these looks wrong\?$'
        $reply.Model | Should -Be 'gpt-5.2'
    }

    It 'binds a piped Id as the model when no model is given' {
        $reply = [pscustomobject]@{ Id = 'claude-4' } | Send-EdgeeCompletion -InputObject 'hi'

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.model | Should -Be 'claude-4'
        $reply.Text | Should -BeExactly 'You said: hi'
    }

    It 'sends objects as JSON lines with -ContextFormat Json' {
        $items = [pscustomobject]@{ Name = 'nginx'; Id = 1 }, [pscustomobject]@{ Name = 'redis'; Id = 2 }

        $null = $items | Invoke-EdgeeStream gpt-5.2 'Any duplicates?' -ContextFormat Json | Join-EdgeeStream

        (Get-EdgeeSimulatorRequest $simulator -Last 1).BodyObject.messages[0].content |
            Should -BeExactly "<context>`n{`"Name`":`"nginx`",`"Id`":1}`n{`"Name`":`"redis`",`"Id`":2}`n</context>`n`nAny duplicates?"
    }

    It 'says in -Verbose how much context was sent' {
        $verbose = Get-Content $log | Send-EdgeeCompletion gpt-5.2 'Summarise' -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        (Get-Content $log) -join "`n" | Should -HaveCount 1
        ((Get-Content $log) -join "`n").Length | Should -Be 45
        $verbose | Should -Contain 'Context: 3 object(s), 45 characters as text, before the prompt in its user message.'
    }

    It 'refuses context over -MaximumContextLength before any request' {
        $before = @(Get-EdgeeSimulatorRequest $simulator).Count

        { Get-Content $log | Send-EdgeeCompletion gpt-5.2 'Summarise' -MaximumContextLength 20 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextTooLarge,*'
        { 1..50 | ForEach-Object { [pscustomobject]@{ N = $_ } } | Invoke-EdgeeStream gpt-5.2 'Sum' -MaximumContextLength 100 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextTooLarge,*'

        @(Get-EdgeeSimulatorRequest $simulator).Count - $before | Should -Be 0
    }
}
