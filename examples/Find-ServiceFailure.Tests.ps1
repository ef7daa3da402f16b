# Pester 5: how to test a runbook that gives a model tools, without a gateway, a key or a failing service.
# The model is scripted through EdgeePS's gateway simulator (Get-Help about_EdgeePS_Testing): each queued answer is
# one round of the tool loop, so a test decides which tools the model calls, with which arguments, and what it
# answers once it has their output. systemctl and journalctl are mocked, so the test sees what the tools ran, and
# the runbook's real functions, EdgeePS's real tool loop and its real requests are what is tested.

BeforeAll {
    Import-Module -Name "$PSScriptRoot/../EdgeePS.psd1" -Force
    $runbook = "$PSScriptRoot/Find-ServiceFailure.ps1"

    # The tool messages request $Request (from 0) sent to the model.
    function Get-ToolResult([int] $Request) {
        @((Get-EdgeeSimulatorRequest -Simulator $simulator)[$Request].BodyObject.messages | Where-Object role -EQ 'tool')
    }
}

Describe 'Find-ServiceFailure.ps1' {
    BeforeEach {
        # A simulator of each test's own, so nothing one test queued is answered to the next.
        $simulator = Start-EdgeeSimulator -Connect

        Mock systemctl {
            'ActiveState=failed', 'SubState=failed', 'Result=exit-code', 'ExecMainStatus=1', 'NRestarts=5', 'ActiveEnterTimestamp=Sun 2025-06-01 03:12:00 UTC'
        }
        Mock journalctl {
            '2025-06-01T03:11:59+0000 web01 systemd[1]: Starting nginx.service...'
            '2025-06-01T03:12:00+0000 web01 nginx[812]: nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14'
        }
    }

    AfterEach {
        Stop-EdgeeSimulator -Simulator $simulator
    }

    It 'lets the model look at the service and its journal, and returns its diagnosis' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -Usage @{ prompt = 120; completion = 20 } -ToolCall @(
            @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            @{ name = 'Get-RecentLog'; arguments = [ordered]@{ Unit = 'nginx'; Lines = 20 } }
        )
        Add-EdgeeSimulatorResponse -Simulator $simulator -Usage @{ prompt = 300; completion = 30 } `
            -Text 'nginx fails since 03:12: a typo, proxy_passs, in app.conf line 14. Fix it, run nginx -t, then restart.'

        $diagnosis = & $runbook -Unit nginx

        $diagnosis.PSObject.TypeNames[0] | Should -Be 'EdgeePS.Examples.ServiceDiagnosis'
        $diagnosis.Unit | Should -Be 'nginx'
        $diagnosis.Diagnosis | Should -BeLike 'nginx fails since 03:12: a typo, proxy_passs*'
        $diagnosis.ToolCalls | Should -Be "Get-ServiceStatus -Unit 'nginx'", "Get-RecentLog -Unit 'nginx' -Lines 20"
        $diagnosis.TotalTokens | Should -Be 470
        # The tools ran the programs with the model's values, each a separate argument.
        Should -Invoke systemctl -Times 1 -Exactly -ParameterFilter { $args[0] -eq 'show' -and $args[1] -eq 'nginx' }
        Should -Invoke journalctl -Times 1 -Exactly -ParameterFilter { "$args" -eq '--unit nginx --lines 20 --no-pager --output short-iso' }
    }

    It 'gives the model its instructions and tools, then the status as an object and the journal as text' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -ToolCall @(
            @{ id = 'call_status'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            @{ id = 'call_log'; name = 'Get-RecentLog'; arguments = @{ Unit = 'nginx' } }
        )
        Add-EdgeeSimulatorResponse -Simulator $simulator -Text 'A typo in app.conf.'

        $null = & $runbook -Unit nginx -Model claude-sonnet-4.5

        $first = (Get-EdgeeSimulatorRequest -Simulator $simulator)[0].BodyObject
        $first.model | Should -Be 'claude-sonnet-4.5'
        $first.messages[0].role | Should -Be 'system'
        $first.messages[0].content | Should -BeLike '*SRE*tools*'
        $first.messages[1].content | Should -BeExactly 'Why is the service nginx failing?'
        $first.tags | Should -Be 'runbook', 'service-diagnosis'
        $first.tools.function.name | Should -Be 'Get-ServiceStatus', 'Get-RecentLog'
        $first.tools[1].function.parameters.properties.Lines.maximum | Should -Be 200

        $results = Get-ToolResult 1
        $results.tool_call_id | Should -Be 'call_status', 'call_log'
        $status = $results[0].content | ConvertFrom-Json
        $status.Unit | Should -Be 'nginx'
        $status.ActiveState | Should -Be 'failed'
        $status.NRestarts | Should -Be '5'
        $results[1].content | Should -BeLike '*unknown directive "proxy_passs"*'
        # The model did not ask for Lines, so the tool's default was used.
        Should -Invoke journalctl -Times 1 -Exactly -ParameterFilter { "$args" -like '*--lines 50 *' }
    }

    It 'never passes a value the tools refuse to the programs, and still gets an answer' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -ToolCall @{ name = 'Get-RecentLog'; arguments = @{ Unit = '--since=1970 --output=export'; Lines = 20 } }
        Add-EdgeeSimulatorResponse -Simulator $simulator -Text 'I could not read the journal.'

        $diagnosis = & $runbook -Unit nginx -WarningVariable warnings -WarningAction SilentlyContinue

        $diagnosis.Diagnosis | Should -BeExactly 'I could not read the journal.'
        Should -Invoke journalctl -Times 0 -Exactly
        (Get-ToolResult 1).content | Should -BeLike "Error: Cannot validate argument on parameter 'Unit'*"
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike 'The tool call Get-RecentLog*failed: Cannot validate argument*'
    }

    It 'runs nothing but its two tools, whatever the model asks for' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -ToolCall @{ name = 'systemctl'; arguments = @{ args = 'restart nginx' } }
        Add-EdgeeSimulatorResponse -Simulator $simulator -Text 'I may only look, not restart.'

        $diagnosis = & $runbook -Unit nginx

        $diagnosis.Diagnosis | Should -BeExactly 'I may only look, not restart.'
        $diagnosis.ToolCalls | Should -Be 'systemctl'
        Should -Invoke systemctl -Times 0 -Exactly
        (Get-ToolResult 1).content | Should -BeExactly "Error: there is no tool named 'systemctl'; the tools are: Get-ServiceStatus, Get-RecentLog"
    }

    It 'fails with a clear message when the model keeps asking past -MaximumToolRounds' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -ToolCall @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } } -Count 3

        { & $runbook -Unit nginx -MaximumToolRounds 2 } |
            Should -Throw -ErrorId 'ServiceDiagnosisFailed,*' -ExpectedMessage "Could not diagnose 'nginx': *-MaximumToolRounds*"
        @(Get-EdgeeSimulatorRequest -Simulator $simulator) | Should -HaveCount 3
        Should -Invoke systemctl -Times 2 -Exactly
    }

    It 'fails with a clear message when the gateway refuses' {
        Add-EdgeeSimulatorResponse -Simulator $simulator -Status 403 -ErrorMessage 'This key may not use gpt-5.2'

        { & $runbook -Unit nginx } | Should -Throw -ErrorId 'ServiceDiagnosisFailed,*' -ExpectedMessage "Could not diagnose 'nginx': *This key may not use gpt-5.2*"
        Should -Invoke systemctl -Times 0 -Exactly
    }

    It 'refuses a unit that is not a unit name, before asking any model' {
        { & $runbook -Unit 'nginx; reboot' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'

        @(Get-EdgeeSimulatorRequest -Simulator $simulator) | Should -HaveCount 0
    }
}
