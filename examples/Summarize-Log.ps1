<#
.SYNOPSIS
    Summarises the end of a log file with a model behind the Edgee AI Gateway.

.DESCRIPTION
    Reads the last lines of a log, asks the model for a short, incident-style summary, and returns an object a
    runbook can log, post to chat or assert on in a test. It fails with a terminating error that says what went
    wrong (the log cannot be read, the gateway refused) so a scheduler marks the run as failed.

    The key and gateway come from the usual places: Connect-Edgee, or $env:EDGEE_API_KEY and $env:EDGEE_BASE_URL.

.PARAMETER Path
    The log file. Accepts FileInfo objects from Get-ChildItem on the pipeline.

.PARAMETER Tail
    How many lines from the end of the log to send; 200 by default.

.PARAMETER Model
    The model to ask; gpt-5.2 by default.

.PARAMETER MaxTokens
    The longest summary the model may write, in tokens; 400 by default.

.EXAMPLE
    ./examples/Summarize-Log.ps1 -Path /var/log/nginx/error.log

.EXAMPLE
    Get-ChildItem /var/log/myapp/*.log | ./examples/Summarize-Log.ps1 -Tail 500 | Format-List

.OUTPUTS
    EdgeePS.Examples.LogSummary: Path, Lines, Model, Summary, TotalTokens.
#>
[CmdletBinding()]
[OutputType('EdgeePS.Examples.LogSummary')]
param(
    [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
    [Alias('FullName')]
    [string] $Path,

    [ValidateRange(1, 10000)]
    [int] $Tail = 200,

    [ValidateNotNullOrEmpty()]
    [string] $Model = 'gpt-5.2',

    [ValidateRange(1, 4096)]
    [int] $MaxTokens = 400
)

begin {
    $systemPrompt = 'You are an SRE reading a log excerpt. Summarise it in at most five short bullet points: what failed, ' +
        'since when, how often, and the likely cause. If nothing is wrong, say so in one line.'
}

process {
    try {
        $lines = @(Get-Content -LiteralPath $Path -Tail $Tail -ErrorAction Stop)
    }
    catch {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.IO.IOException]::new("Cannot read the log '$Path': $($_.Exception.Message)", $_.Exception),
                'LogUnreadable',
                [System.Management.Automation.ErrorCategory]::ReadError,
                $Path))
    }

    # Nothing to summarise: do not pay for a request.
    if ($lines.Count -eq 0) {
        return [pscustomobject]@{
            PSTypeName  = 'EdgeePS.Examples.LogSummary'
            Path        = $Path
            Lines       = 0
            Model       = $Model
            Summary     = 'The log is empty.'
            TotalTokens = 0
        }
    }

    try {
        $reply = Send-EdgeeCompletion -Model $Model -InputObject ($lines -join "`n") -SystemPrompt $systemPrompt `
            -MaxTokens $MaxTokens -Tag 'runbook', 'log-summary' -ErrorAction Stop
    }
    catch {
        $reason = if ($_.Exception -is [EdgeePS.EdgeeApiException]) {
            "the gateway answered $($_.Exception.StatusCode) ($($_.Exception.ErrorType)): $($_.Exception.Message)"
        }
        else {
            $_.Exception.Message
        }

        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new("Could not summarise '$Path': $reason", $_.Exception),
                'LogSummaryFailed',
                $_.CategoryInfo.Category,
                $Path))
    }

    [pscustomobject]@{
        PSTypeName  = 'EdgeePS.Examples.LogSummary'
        Path        = $Path
        Lines       = $lines.Count
        Model       = $Model
        Summary     = $reply.Text
        TotalTokens = $reply.Usage.TotalTokens
    }
}
