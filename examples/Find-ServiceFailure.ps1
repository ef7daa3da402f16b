<#
.SYNOPSIS
    Asks a model why a systemd service is failing, letting it look at the service's state and journal itself.

.DESCRIPTION
    Gives the model two read-only tools, Get-ServiceStatus (systemctl show) and Get-RecentLog (journalctl), through
    Send-EdgeeCompletion -Tool. The model calls them as it needs, EdgeePS runs each call with the arguments bound as
    parameters and sends the output back, and the model's diagnosis comes back as an object a runbook can log, post
    to chat or assert on in a test. Nothing but these two functions can run, with nothing but their parameters,
    which [ValidatePattern()] and [ValidateRange()] check before systemctl or journalctl sees a value.

    The key and gateway come from the usual places: Connect-Edgee, or $env:EDGEE_API_KEY and $env:EDGEE_BASE_URL.
    Add -Verbose to see each tool call, how long it took and how much output the model got.

.PARAMETER Unit
    The systemd unit to diagnose, for example nginx or nginx.service.

.PARAMETER Model
    The model to ask; gpt-5.2 by default.

.PARAMETER MaximumToolRounds
    The most rounds of tool calls the model may make; 5 by default.

.EXAMPLE
    ./examples/Find-ServiceFailure.ps1 -Unit nginx

.EXAMPLE
    ./examples/Find-ServiceFailure.ps1 -Unit postgresql -Verbose | Format-List

.OUTPUTS
    EdgeePS.Examples.ServiceDiagnosis: Unit, Diagnosis, ToolCalls, TotalTokens.
#>
[CmdletBinding()]
[OutputType('EdgeePS.Examples.ServiceDiagnosis')]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidatePattern('^[\w@][\w@.:-]*$')]
    [string] $Unit,

    [ValidateNotNullOrEmpty()]
    [string] $Model = 'gpt-5.2',

    [ValidateRange(1, 20)]
    [int] $MaximumToolRounds = 5
)

function Get-ServiceStatus {
    <#
    .SYNOPSIS
    The state of a systemd unit: active state, sub-state, result of its last run, exit status and restart count.
    .PARAMETER Unit
    The unit, for example nginx or nginx.service.
    #>
    param([Parameter(Mandatory)] [ValidatePattern('^[\w@][\w@.:-]*$')] [string] $Unit)

    $status = [ordered]@{ Unit = $Unit }
    foreach ($line in systemctl show $Unit --no-pager '--property=ActiveState,SubState,Result,ExecMainStatus,NRestarts,ActiveEnterTimestamp') {
        $name, $value = $line -split '=', 2
        $status[$name] = $value
    }
    [pscustomobject]$status
}

function Get-RecentLog {
    <#
    .SYNOPSIS
    The last lines a systemd unit wrote to its journal, oldest first.
    .PARAMETER Unit
    The unit, for example nginx or nginx.service.
    .PARAMETER Lines
    How many lines to read, 1 to 200.
    #>
    param(
        [Parameter(Mandatory)] [ValidatePattern('^[\w@][\w@.:-]*$')] [string] $Unit,
        [ValidateRange(1, 200)] [int] $Lines = 50
    )

    journalctl --unit $Unit --lines $Lines --no-pager --output short-iso
}

$systemPrompt = 'You are an SRE diagnosing a failing systemd service on this host. Look with the tools before you ' +
    'answer. Then answer in at most five short lines: what fails, since when, the likely cause, and the next step.'

try {
    $reply = Send-EdgeeCompletion -Model $Model -InputObject "Why is the service $Unit failing?" -SystemPrompt $systemPrompt `
        -Tool Get-ServiceStatus, Get-RecentLog -MaximumToolRounds $MaximumToolRounds -Tag 'runbook', 'service-diagnosis' -ErrorAction Stop
}
catch {
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new("Could not diagnose '$Unit': $($_.Exception.Message)", $_.Exception),
            'ServiceDiagnosisFailed',
            $_.CategoryInfo.Category,
            $Unit))
}

[pscustomobject]@{
    PSTypeName  = 'EdgeePS.Examples.ServiceDiagnosis'
    Unit        = $Unit
    Diagnosis   = $reply.Text
    ToolCalls   = @($reply.ToolInvocations | ForEach-Object { if ($_.CommandLine) { $_.CommandLine } else { $_.Name } })
    TotalTokens = $reply.Usage.TotalTokens
}
