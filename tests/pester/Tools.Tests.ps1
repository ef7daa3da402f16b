# Pester 5. Run with ./build.ps1 -Test, or: Invoke-Pester ./tests/pester
# Tools from commands, as a runbook uses them: functions of the script given to -Tool, called by a model that the
# simulator scripts (Add-EdgeeSimulatorResponse -ToolCall), one queued answer per round of the tool loop.

Describe 'Tools from commands' {
    BeforeAll {
        . "$PSScriptRoot/ModuleUnderTest.ps1"
        Import-Module -Name (Get-EdgeePSManifestPath) -Force

        # Every run of a tool, in order: what the model made EdgeePS do.
        $script:ran = [System.Collections.Generic.List[string]]::new()

        function Get-ServiceStatus {
            <#
            .SYNOPSIS
            The state of a systemd unit.
            .PARAMETER Unit
            The unit, for example nginx.
            #>
            param([Parameter(Mandatory)] [string] $Unit)

            $script:ran.Add("Get-ServiceStatus $Unit")
            "$Unit.service: failed (Result: exit-code) since 03:12"
        }

        function Get-RecentLog {
            <#
            .SYNOPSIS
            The last lines of a unit's journal.
            .PARAMETER Unit
            The unit, for example nginx.
            .PARAMETER Lines
            How many lines to read, 1 to 200.
            #>
            param([Parameter(Mandatory)] [string] $Unit, [ValidateRange(1, 200)] [int] $Lines = 20)

            $script:ran.Add("Get-RecentLog $Unit $Lines")
            1..$Lines | ForEach-Object { "$Unit line $_" }
        }

        function Restart-Unit {
            param([Parameter(Mandatory)] [string] $Unit)

            $script:ran.Add("Restart-Unit $Unit")
            "restarted $Unit"
        }

        function Get-DiskUsage {
            param([string] $Mount = '/var')

            throw "df: ${Mount}: Input/output error"
        }

        function Get-SentBody([int] $Request) {
            <# .SYNOPSIS The body of the gateway's request number $Request (from 0), as objects. #>
            @(Get-EdgeeSimulatorRequest -Simulator $gateway)[$Request].BodyObject
        }

        function Get-ToolMessage([int] $Request) {
            <# .SYNOPSIS The tool results that request $Request sent to the model. #>
            @((Get-SentBody $Request).messages | Where-Object role -EQ 'tool')
        }

        function New-UnattendedShell {
            <#
            .SYNOPSIS
            A PowerShell of its own with no user to answer a prompt, as a scheduled job or a service runs a runbook:
            EdgeePS imported, pointed at this test's gateway, with each of -Variable as a variable for -Script.
            #>
            param([Parameter(Mandatory)] [string] $Script, [hashtable] $Variable = @{})

            $shell = [powershell]::Create()
            $null = $shell.AddScript({
                    param($Manifest, $BaseUrl, $Variable, $Script)
                    Import-Module -Name $Manifest
                    $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-pester-unattended'; '*-Edgee*:BaseUrl' = $BaseUrl }
                    foreach ($name in $Variable.Keys) { Set-Variable -Name $name -Value $Variable[$name] }
                    . ([scriptblock]::Create($Script))
                }).AddParameters(@{ Manifest = (Get-EdgeePSManifestPath); BaseUrl = $gateway.BaseUrl; Variable = $Variable; Script = $Script })
            $shell
        }

        function Invoke-Unattended([string] $Script) {
            <# .SYNOPSIS Runs $Script unattended, with a Restart-Unit tool there; its output, errors and tool runs. #>
            $runs = [System.Collections.Generic.List[string]]::new()
            $restartUnit = 'function Restart-Unit { param([Parameter(Mandatory)] [string] $Unit) $runs.Add("Restart-Unit $Unit"); "restarted $Unit" }'
            $shell = New-UnattendedShell -Script "$restartUnit`n$Script" -Variable @{ runs = $runs }
            try {
                $output = $shell.Invoke()
                [pscustomobject]@{ Output = @($output); Errors = @($shell.Streams.Error); Ran = @($runs) }
            }
            finally {
                $shell.Dispose()
            }
        }

        # The simulator answers, for the model, first with a call to Get-ServiceStatus, then with its diagnosis.
        function Add-StatusThenDiagnosis {
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Let me check.' -Usage @{ prompt = 10; completion = 5 } -ToolCall @{
                id = 'call_status'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' }
            }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'nginx fails since 03:12.' -Usage @{ prompt = 30; completion = 7 }
        }
    }

    BeforeEach {
        # A gateway of each test's own: answers that a failed test left queued never reach the next test.
        $gateway = Start-EdgeeSimulator
        $PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-pester-tools'; '*-Edgee*:BaseUrl' = $gateway.BaseUrl }
        $script:ran.Clear()
    }

    AfterEach {
        Stop-EdgeeSimulator -Simulator $gateway
    }

    Context 'A function given to -Tool' {
        It 'runs with the model''s arguments, and the model''s answer comes back' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @(
                @{ id = 'call_status'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
                @{ id = 'call_log'; name = 'Get-RecentLog'; arguments = [ordered]@{ Unit = 'nginx'; Lines = 3 } }
            )
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'nginx fails since 03:12: see its log.'

            $reply = Send-EdgeeCompletion gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus, Get-RecentLog

            $script:ran | Should -Be 'Get-ServiceStatus nginx', 'Get-RecentLog nginx 3'
            $reply.Text | Should -BeExactly 'nginx fails since 03:12: see its log.'
            $reply.ToolInvocations.Name | Should -Be 'Get-ServiceStatus', 'Get-RecentLog'
            $reply.ToolInvocations.Status | Should -Be 'Succeeded', 'Succeeded'
            $reply.ToolInvocations[1].CommandLine | Should -BeExactly "Get-RecentLog -Unit 'nginx' -Lines 3"
            $reply.ToolInvocations[1].Arguments['Lines'] | Should -Be 3
            $reply.ToolInvocations[1].Output | Should -BeExactly "nginx line 1`nnginx line 2`nnginx line 3"
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 2
        }

        It 'sends the model''s calls and their results back in the next request, with the same tools' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @(
                @{ id = 'call_status'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
                @{ id = 'call_log'; name = 'Get-RecentLog'; arguments = @{ Unit = 'nginx'; Lines = 2 } }
            )
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Done.'

            $null = Send-EdgeeCompletion gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus, Get-RecentLog

            $second = Get-SentBody 1
            $second.messages.role | Should -Be 'user', 'assistant', 'tool', 'tool'
            $assistant = $second.messages[1]
            $assistant.tool_calls.id | Should -Be 'call_status', 'call_log'
            $assistant.tool_calls.type | Should -Be 'function', 'function'
            $assistant.tool_calls.function.name | Should -Be 'Get-ServiceStatus', 'Get-RecentLog'
            ($assistant.tool_calls[1].function.arguments | ConvertFrom-Json).Lines | Should -Be 2
            $second.messages[2].tool_call_id | Should -Be 'call_status'
            $second.messages[2].content | Should -BeExactly 'nginx.service: failed (Result: exit-code) since 03:12'
            $second.messages[3].tool_call_id | Should -Be 'call_log'
            $second.messages[3].content | Should -BeExactly "nginx line 1`nnginx line 2"
            foreach ($body in (Get-SentBody 0), $second) {
                $body.tools.function.name | Should -Be 'Get-ServiceStatus', 'Get-RecentLog'
            }
        }

        It 'describes the function to the model from its parameters and its help' {
            $null = Send-EdgeeCompletion gpt-5.2 'Anything in the log?' -Tool Get-RecentLog

            $tool = @((Get-SentBody 0).tools)
            $tool | Should -HaveCount 1
            $tool[0].type | Should -Be 'function'
            $tool[0].function.name | Should -BeExactly 'Get-RecentLog'
            $tool[0].function.description | Should -BeExactly 'The last lines of a unit''s journal.'
            $parameters = $tool[0].function.parameters
            $parameters.required | Should -Be 'Unit'
            $parameters.properties.Unit.type | Should -Be 'string'
            $parameters.properties.Lines.type | Should -Be 'integer'
            $parameters.properties.Lines.minimum | Should -Be 1
            $parameters.properties.Lines.maximum | Should -Be 200
            $parameters.properties.Lines.description | Should -BeExactly 'How many lines to read, 1 to 200.'
            $parameters.properties.PSObject.Properties.Name | Should -Not -Contain 'Verbose'
        }

        It 'streams every round as it comes, with each call as a ToolInvocation between them' {
            Add-StatusThenDiagnosis

            $out = @(Invoke-EdgeeStream gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus)

            $script:ran | Should -Be 'Get-ServiceStatus nginx'
            $calls = @($out | Where-Object { $_ -is [EdgeePS.ToolInvocation] })
            $calls | Should -HaveCount 1
            $calls[0].Name | Should -Be 'Get-ServiceStatus'
            $calls[0].Status | Should -Be 'Succeeded'
            $at = [array]::IndexOf($out, $calls[0])
            -join $out[0..($at - 1)].Text | Should -BeExactly 'Let me check.'
            -join $out[($at + 1)..($out.Count - 1)].Text | Should -BeExactly 'nginx fails since 03:12.'
            (Get-SentBody 1).stream | Should -BeTrue
        }

        It 'runs a tool made with New-EdgeeTool -ScriptBlock, and one given as Get-Command''s result' {
            $disk = New-EdgeeTool -Name get_disk_usage -Description 'Used space of a mount point, in percent.' -ScriptBlock {
                param([ValidateSet('/', '/var')] [string] $Mount = '/')
                $script:ran.Add("get_disk_usage $Mount")
                '93%'
            }
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @(
                @{ name = 'get_disk_usage'; arguments = @{ Mount = '/var' } }
                @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'rsyslog' } }
            )
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text '/var is 93% full.'

            $reply = Send-EdgeeCompletion gpt-5.2 'Is any disk nearly full?' -Tool $disk, (Get-Command Get-ServiceStatus)

            $script:ran | Should -Be 'get_disk_usage /var', 'Get-ServiceStatus rsyslog'
            $reply.Text | Should -BeExactly '/var is 93% full.'
            $offered = (Get-SentBody 0).tools.function
            $offered.name | Should -Be 'get_disk_usage', 'Get-ServiceStatus'
            $offered[0].description | Should -BeExactly 'Used space of a mount point, in percent.'
            $offered[0].parameters.properties.Mount.enum | Should -Be '/', '/var'
            (Get-ToolMessage 1).content | Should -Be '93%', 'rsyslog.service: failed (Result: exit-code) since 03:12'
        }

        It 'offers a function that Pester mocks as itself, and runs the mock for the model''s calls' {
            Mock Get-RecentLog { 'mocked journal' }
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-RecentLog'; arguments = [ordered]@{ Unit = 'nginx'; Lines = 5 } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'The journal is mocked.'

            $reply = Send-EdgeeCompletion gpt-5.2 'Anything in the log?' -Tool Get-RecentLog

            Should -Invoke Get-RecentLog -Times 1 -Exactly -ParameterFilter { $Unit -eq 'nginx' -and $Lines -eq 5 }
            $script:ran | Should -HaveCount 0
            $reply.Text | Should -BeExactly 'The journal is mocked.'
            $reply.ToolInvocations.CommandLine | Should -BeExactly "Get-RecentLog -Unit 'nginx' -Lines 5"
            (Get-ToolMessage 1).content | Should -BeExactly 'mocked journal'
            $offered = (Get-SentBody 0).tools.function
            $offered.name | Should -BeExactly 'Get-RecentLog'
            $offered.description | Should -BeExactly 'The last lines of a unit''s journal.'
            $offered.parameters.properties.Lines.maximum | Should -Be 200
        }
    }

    Context '-WhatIf' {
        It 'runs no call, tells the model so, and still gives the model''s answer' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Restart-Unit'; arguments = @{ Unit = 'nginx' } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'I would restart nginx.'

            $reply = Send-EdgeeCompletion gpt-5.2 'nginx is down: fix it' -Tool Restart-Unit -WhatIf

            $script:ran | Should -HaveCount 0
            $reply.Text | Should -BeExactly 'I would restart nginx.'
            $reply.ToolInvocations.Status | Should -Be 'NotRun'
            $reply.ToolInvocations.Succeeded | Should -BeFalse
            (Get-ToolMessage 1).content | Should -BeLike 'Not run:*-WhatIf*did not run*'
        }

        It 'shows each call it would run, and streamed still gives the answer' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @(
                @{ name = 'Restart-Unit'; arguments = @{ Unit = 'nginx' } }
                @{ name = 'Restart-Unit'; arguments = @{ Unit = 'php-fpm' } }
            )
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'I would restart both.'
            # -WhatIf writes to the host, as every cmdlet's What if: does; a transcript records what the host showed.
            $transcript = Join-Path $TestDrive 'whatif.txt'

            $null = Start-Transcript -LiteralPath $transcript
            try {
                $text = -join (Invoke-EdgeeStream gpt-5.2 'Restart both' -Tool Restart-Unit -WhatIf | ForEach-Object Text)
            }
            finally {
                $null = Stop-Transcript
            }

            $script:ran | Should -HaveCount 0
            $text | Should -BeExactly 'I would restart both.'
            $shown = Get-Content -LiteralPath $transcript -Raw
            $shown | Should -BeLike "*What if*: Running Restart-Unit -Unit 'nginx' for the model.*"
            $shown | Should -BeLike "*What if*: Running Restart-Unit -Unit 'php-fpm' for the model.*"
        }
    }

    # A prompt needs someone to answer it. These run where no one can (Invoke-Unattended): PowerShell then refuses the
    # prompt, which shows that EdgeePS asked and what it asked. Answering Yes, No or No to All is tested in xunit
    # (ToolConfirmationTests), whose host answers prompts.
    Context 'Confirmation' {
        BeforeEach {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Restart-Unit'; arguments = @{ Unit = 'nginx' } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Done as far as allowed.'
        }

        It 'runs the calls without asking <How>' -TestCases @(
            @{ How = 'at the default $ConfirmPreference'; Script = 'Send-EdgeeCompletion gpt-5.2 "nginx is down: fix it" -Tool Restart-Unit' }
            @{ How = 'with -Confirm:$false, even at a lowered $ConfirmPreference'; Script = '$ConfirmPreference = "Low"; Send-EdgeeCompletion gpt-5.2 "nginx is down: fix it" -Tool Restart-Unit -Confirm:$false' }
        ) {
            $run = Invoke-Unattended $Script

            $run.Errors | Should -HaveCount 0
            $run.Ran | Should -Be 'Restart-Unit nginx'
            $run.Output.Text | Should -BeExactly 'Done as far as allowed.'
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 2
        }

        It 'asks before the call with <How>, showing its command line; unanswered, nothing runs and no round follows' -TestCases @(
            @{ How = '-Confirm'; Script = 'Send-EdgeeCompletion gpt-5.2 "nginx is down: fix it" -Tool Restart-Unit -Confirm' }
            @{ How = 'a lowered $ConfirmPreference'; Script = '$ConfirmPreference = "Medium"; Send-EdgeeCompletion gpt-5.2 "nginx is down: fix it" -Tool Restart-Unit' }
            @{ How = '-Confirm, streamed'; Script = 'Invoke-EdgeeStream gpt-5.2 "nginx is down: fix it" -Tool Restart-Unit -Confirm' }
        ) {
            $run = Invoke-Unattended $Script

            $run.Ran | Should -HaveCount 0 -Because "$How asks first"
            $run.Errors | Should -HaveCount 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'HostFunctionNotImplemented,EdgeePS.Cmdlets.*'
            $run.Errors[0].Exception.Message | Should -BeLike "*request confirmation*The model asks to run Restart-Unit -Unit 'nginx'. Run it?*"
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 1
        }

        It 'asks nothing with -WhatIf, even with -Confirm: nothing runs' {
            $run = Invoke-Unattended 'Send-EdgeeCompletion gpt-5.2 "nginx is down: fix it" -Tool Restart-Unit -WhatIf -Confirm'

            $run.Errors | Should -HaveCount 0
            $run.Ran | Should -HaveCount 0
            $run.Output.Text | Should -BeExactly 'Done as far as allowed.'
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 2
        }
    }

    Context 'What the model cannot make EdgeePS run' {
        It 'runs nothing for a tool it was not given, and tells the model which tools there are' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @(
                @{ name = 'Restart-Unit'; arguments = @{ Unit = 'nginx' } }
                @{ name = 'get-servicestatus'; arguments = @{ Unit = 'nginx' } }
            )
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'I cannot restart it.'

            $reply = Send-EdgeeCompletion gpt-5.2 'nginx is down: fix it' -Tool Get-ServiceStatus, Get-RecentLog -WarningVariable warnings

            $script:ran | Should -HaveCount 0
            $reply.Text | Should -BeExactly 'I cannot restart it.'
            $reply.ToolInvocations.Status | Should -Be 'UnknownTool', 'UnknownTool'
            (Get-ToolMessage 1).content | Should -Be @(
                "Error: there is no tool named 'Restart-Unit'; the tools are: Get-ServiceStatus, Get-RecentLog"
                "Error: there is no tool named 'get-servicestatus'; the tools are: Get-ServiceStatus, Get-RecentLog"
            )
            $warnings | Should -HaveCount 0
        }

        It 'runs nothing when the arguments are <Case>, and the model gets an error result' -TestCases @(
            @{ Case = 'not JSON'; Arguments = '{"Unit": nginx'; Status = 'InvalidArguments'; Reason = 'the arguments are not valid JSON*' }
            @{ Case = 'a list, not an object'; Arguments = '["nginx"]'; Status = 'InvalidArguments'; Reason = 'the arguments must be a JSON object*' }
            @{ Case = 'a parameter the tool has not'; Arguments = @{ Unit = 'nginx'; Path = '/etc' }; Status = 'InvalidArguments'; Reason = "'Path' is not a parameter of this tool; its parameters are Unit, Lines" }
            @{ Case = 'a common parameter'; Arguments = @{ Unit = 'nginx'; ErrorAction = 'Ignore' }; Status = 'InvalidArguments'; Reason = "'ErrorAction' is not a parameter of this tool*" }
            @{ Case = 'missing a required one'; Arguments = @{ Lines = 5 }; Status = 'InvalidArguments'; Reason = "the required argument(s) 'Unit' are missing*" }
            @{ Case = 'a value the binder refuses'; Arguments = @{ Unit = 'nginx'; Lines = 'many' }; Status = 'Failed'; Reason = "Cannot process argument transformation on parameter 'Lines'*" }
            @{ Case = 'out of the parameter''s range'; Arguments = @{ Unit = 'nginx'; Lines = 9999 }; Status = 'Failed'; Reason = "Cannot validate argument on parameter 'Lines'*" }
        ) {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-RecentLog'; arguments = $Arguments }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'I could not read the log.'

            $reply = Send-EdgeeCompletion gpt-5.2 'Anything in the log?' -Tool Get-RecentLog -WarningAction SilentlyContinue

            $script:ran | Should -HaveCount 0
            $reply.Text | Should -BeExactly 'I could not read the log.'
            $reply.ToolInvocations.Status | Should -Be $Status
            $reply.ToolInvocations.Error | Should -BeLike $Reason
            (Get-ToolMessage 1).content | Should -BeExactly "Error: $($reply.ToolInvocations.Error)"
        }

        It 'never runs what the model writes as script: it is a value of the parameter' {
            $injection = "nginx'; `$script:ran.Add('injected'); '`$(whoami)"
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = $injection } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Odd unit.'

            $reply = Send-EdgeeCompletion gpt-5.2 'Check it' -Tool Get-ServiceStatus

            $script:ran | Should -Be "Get-ServiceStatus $injection"
            $reply.ToolInvocations.CommandLine | Should -BeExactly "Get-ServiceStatus -Unit '$($injection.Replace("'", "''"))'"
        }
    }

    Context 'A tool that fails' {
        It 'is a warning, not an error: the model gets "Error: " and the message, and the loop goes on' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @(
                @{ id = 'call_disk'; name = 'Get-DiskUsage'; arguments = @{ Mount = '/var' } }
                @{ id = 'call_status'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            )
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text '/var cannot be read; nginx failed.'
            # As strict as runbooks get: any error would end this test.
            $ErrorActionPreference = 'Stop'

            $reply = Send-EdgeeCompletion gpt-5.2 'What is wrong?' -Tool Get-DiskUsage, Get-ServiceStatus -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable failures

            $failures | Should -HaveCount 0
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeExactly "The tool call Get-DiskUsage -Mount '/var' failed: df: /var: Input/output error"
            $script:ran | Should -Be 'Get-ServiceStatus nginx'
            $reply.Text | Should -BeExactly '/var cannot be read; nginx failed.'
            $reply.ToolInvocations.Status | Should -Be 'Failed', 'Succeeded'
            $reply.ToolInvocations[0].Error | Should -BeExactly 'df: /var: Input/output error'
            (Get-ToolMessage 1).content | Should -Be 'Error: df: /var: Input/output error', 'nginx.service: failed (Result: exit-code) since 03:12'
        }

        It 'streamed, gives its warning (3>&1) just before its ToolInvocation, and the next round follows' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Looking.' -ToolCall @{ name = 'Get-DiskUsage'; arguments = @{} }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'The disk is broken.'
            $ErrorActionPreference = 'Stop'

            $out = @(Invoke-EdgeeStream gpt-5.2 'What is wrong?' -Tool Get-DiskUsage 3>&1)

            $warning = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $warning | Should -HaveCount 1
            "$warning" | Should -BeExactly 'The tool call Get-DiskUsage failed: df: /var: Input/output error'
            $at = [array]::IndexOf($out, $warning[0])
            $out[$at + 1] | Should -BeOfType ([EdgeePS.ToolInvocation])
            $out[$at + 1].Status | Should -Be 'Failed'
            -join ($out | Where-Object { $_ -is [EdgeePS.StreamChunk] } | ForEach-Object Text) | Should -BeExactly 'Looking.The disk is broken.'
        }
    }

    Context 'Limits' {
        It '-MaximumToolRounds 1: the model asking a second time ends it with ToolRoundLimitExceeded after exactly 2 requests' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-RecentLog'; arguments = @{ Unit = 'nginx' } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'never asked for'

            $reply = Send-EdgeeCompletion gpt-5.2 'Why?' -Tool Get-ServiceStatus, Get-RecentLog -MaximumToolRounds 1 -ErrorVariable failures -ErrorAction SilentlyContinue

            $reply | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ToolRoundLimitExceeded,*'
            $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $failures[0].TargetObject.ToolInvocations[0].Name | Should -Be 'Get-ServiceStatus'
            $script:ran | Should -Be 'Get-ServiceStatus nginx'
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 2
            $gateway.QueuedResponses | Should -Be 1
        }

        It 'ends with ToolRoundLimitExceeded streamed too, which -ErrorAction Stop makes a failure to catch' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } } -Count 2

            { Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-ServiceStatus -MaximumToolRounds 1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'ToolRoundLimitExceeded,*'

            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 2
            $script:ran | Should -HaveCount 1
        }

        It 'ends with ToolCallsFailing after three rounds in which every call failed' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Restart-Unit'; arguments = @{ Unit = 'nginx' } } -Count 3
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'never asked for'

            { Send-EdgeeCompletion gpt-5.2 'Fix it' -Tool Get-ServiceStatus -ErrorAction Stop } | Should -Throw -ErrorId 'ToolCallsFailing,*'

            $script:ran | Should -HaveCount 0
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 3
        }
    }

    Context 'Join-EdgeeStream on a tool loop' {
        It 'gives what Send-EdgeeCompletion gives for the same rounds' {
            Add-StatusThenDiagnosis
            $whole = Send-EdgeeCompletion gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus
            Add-StatusThenDiagnosis

            $joined = Invoke-EdgeeStream gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus | Join-EdgeeStream

            $joined | Should -HaveCount 1
            $joined | Should -BeOfType ([EdgeePS.CompletionResponse])
            $joined.Text | Should -BeExactly 'nginx fails since 03:12.'
            $joined.Text | Should -BeExactly $whole.Text
            $joined.FinishReason | Should -Be $whole.FinishReason
            $joined.IsComplete | Should -Be $whole.IsComplete
            foreach ($reply in $whole, $joined) {
                $reply.ToolInvocations | Should -HaveCount 1
                $reply.Usage.PromptTokens | Should -Be 40
                $reply.Usage.CompletionTokens | Should -Be 12
                $reply.Usage.TotalTokens | Should -Be 52
                $reply.Messages | Should -HaveCount 4
            }
            $joined.ToolInvocations.Name | Should -Be $whole.ToolInvocations.Name
            ($joined.ToolInvocations.Arguments | ConvertTo-Json -Compress) | Should -BeExactly ($whole.ToolInvocations.Arguments | ConvertTo-Json -Compress)
            $joined.ToolInvocations.CommandLine | Should -BeExactly $whole.ToolInvocations.CommandLine
            $joined.ToolInvocations.Output | Should -BeExactly $whole.ToolInvocations.Output
            $joined.ToolInvocations.Status | Should -Be $whole.ToolInvocations.Status
            $joined.Messages.Role | Should -Be $whole.Messages.Role
            $joined.Messages.Content | Should -Be $whole.Messages.Content
            $joined.Messages[1].ToolCalls.Id | Should -Be 'call_status'
            $whole.Messages[1].ToolCalls.Id | Should -Be 'call_status'
        }
    }

    Context 'ForEach-Object Text on a tool loop' {
        It 'yields only the model''s text under Set-StrictMode -Version Latest, with no error' {
            Add-StatusThenDiagnosis
            Set-StrictMode -Version Latest
            $ErrorActionPreference = 'Stop'

            $pieces = @(Invoke-EdgeeStream gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus -ErrorVariable streamErrors |
                    ForEach-Object Text -ErrorVariable textErrors)

            $streamErrors | Should -HaveCount 0
            $textErrors | Should -HaveCount 0
            $pieces | ForEach-Object { $_ | Should -BeOfType ([string]) }
            -join $pieces | Should -BeExactly 'Let me check.nginx fails since 03:12.'
            $script:ran | Should -Be 'Get-ServiceStatus nginx'
        }
    }

    Context 'Stopping a tool loop' {
        It 'Select-Object -First that stops at a tool call sends no further round' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'never asked for'

            $first = Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-ServiceStatus | Where-Object { $_ -is [EdgeePS.ToolInvocation] } | Select-Object -First 1

            $first.Name | Should -Be 'Get-ServiceStatus'
            $script:ran | Should -Be 'Get-ServiceStatus nginx'
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 1
            $gateway.QueuedResponses | Should -Be 1
        }

        It 'Select-Object -First in the second round''s text runs none of its calls and sends no third round' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'Now the journal, please.' -ToolCall @{ name = 'Get-RecentLog'; arguments = @{ Unit = 'nginx' } }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'never asked for'

            $words = Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-ServiceStatus, Get-RecentLog | ForEach-Object Text | Where-Object { $_ } | Select-Object -First 2

            $words | Should -Be 'Now', ' the'
            $script:ran | Should -Be 'Get-ServiceStatus nginx'
            @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 2
            $gateway.QueuedResponses | Should -Be 1
        }

        # PowerShell.Stop() is how a host stops a running pipeline: pwsh's Ctrl+C handler does it. The key press itself
        # cannot be sent to this process from a test; xunit (ToolStoppingTests) stops every phase the same way, timed.
        It 'stopping the pipeline while a tool runs ends the tool and sends nothing more' {
            Add-EdgeeSimulatorResponse -Simulator $gateway -ToolCall @{ name = 'Wait-Forever'; arguments = @{} }
            Add-EdgeeSimulatorResponse -Simulator $gateway -Text 'never asked for'
            $started = [System.Threading.ManualResetEventSlim]::new()
            $ends = [System.Collections.Generic.List[string]]::new()
            $shell = New-UnattendedShell -Variable @{ started = $started; ends = $ends } -Script @'
function Wait-Forever { $started.Set(); Start-Sleep -Seconds 60; $ends.Add('the tool ran to its end') }
Send-EdgeeCompletion gpt-5.2 'Wait' -Tool Wait-Forever
'@
            try {
                $running = $shell.BeginInvoke()
                $started.Wait([timespan]::FromSeconds(30)) | Should -BeTrue -Because 'the model''s call starts the tool'

                $shell.Stop()

                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                $running.IsCompleted | Should -BeTrue
                $ends | Should -HaveCount 0
                @(Get-EdgeeSimulatorRequest -Simulator $gateway) | Should -HaveCount 1
                $gateway.QueuedResponses | Should -Be 1
            }
            finally {
                $shell.Dispose()
                $started.Dispose()
            }
        }
    }
}
