<#
.SYNOPSIS
    A small stand-in for the Edgee gateway on 127.0.0.1, for the Pester tests. Needs nothing but .NET.
.DESCRIPTION
    Dot-source this file in BeforeAll, then:

        $gateway = Start-TestGateway           # listens on a free loopback port
        ... -BaseUrl $gateway.BaseUrl ...
        Add-TestGatewayResponse -Gateway $gateway -Status 429 -Body (New-TestGatewayError ...)
        Get-TestGatewayRequest -Gateway $gateway
        Stop-TestGateway -Gateway $gateway     # in AfterAll

    It answers in a background runspace, one request at a time:
      - a request without a bearer token gets 401, as the real gateway answers;
      - GET /v1/models lists gpt-5.2, gpt-5-mini and claude-sonnet-4.5;
      - POST /v1/chat/completions gets the next response queued with Add-TestGatewayResponse or, when none is
        queued, "You said: <last user message>": streamed word by word when the request says stream = true
        (with a usage chunk if stream_options.include_usage is set), otherwise as one chat.completion.
    Every request is recorded with its method, path, Authorization header and body text.
#>

function Start-TestGateway {
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    # HttpListener cannot pick a port itself: borrow a free one from the OS.
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start()
    $port = $probe.LocalEndpoint.Port
    $probe.Stop()

    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()

    $state = [hashtable]::Synchronized(@{
        Running   = $true
        Requests  = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        Responses = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    })

    # The loop runs in its own runspace, so it travels as text: a script block belongs to the runspace that made it.
    $loop = {
        param($Listener, $State)

        $utf8 = [System.Text.UTF8Encoding]::new($false)

        function Write-Text($Response, [string] $Text) {
            $bytes = $utf8.GetBytes($Text)
            $Response.OutputStream.Write($bytes, 0, $bytes.Length)
            $Response.OutputStream.Flush()
        }

        function Send-Json($Context, [int] $Status, [string] $Json, $Headers) {
            $response = $Context.Response
            $response.StatusCode = $Status
            $response.ContentType = 'application/json; charset=utf-8'
            foreach ($name in @($Headers.Keys)) { $response.Headers[$name] = [string] $Headers[$name] }
            Write-Text $response $Json
            $response.Close()
        }

        function Send-Events($Context, [string[]] $Events, [bool] $Done, [int] $DelayMilliseconds, $Headers) {
            $response = $Context.Response
            $response.StatusCode = 200
            $response.ContentType = 'text/event-stream'
            $response.SendChunked = $true
            $response.Headers['X-Edgee-Provider'] = 'test-gateway'
            foreach ($name in @($Headers.Keys)) { $response.Headers[$name] = [string] $Headers[$name] }
            foreach ($data in $Events) {
                Write-Text $response "data: $data`n`n"
                if ($DelayMilliseconds -gt 0) { [System.Threading.Thread]::Sleep($DelayMilliseconds) }
            }
            if ($Done) { Write-Text $response "data: [DONE]`n`n" }
            $response.Close()
        }

        function ConvertTo-JsonText([string] $Text) {
            '"' + [System.Text.Json.JsonEncodedText]::Encode($Text).ToString() + '"'
        }

        # A JSON object's properties by name (JsonElement.TryGetProperty's out parameter does not bind from PowerShell).
        function Get-JsonFields($Element) {
            $fields = @{}
            foreach ($field in $Element.EnumerateObject()) { $fields[$field.Name] = $field.Value }
            $fields
        }

        function New-Chunk([string] $Delta, [string] $FinishReason) {
            $finish = if ($FinishReason) { ConvertTo-JsonText $FinishReason } else { 'null' }
            '{"id":"chatcmpl-test","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.2","choices":[{"index":0,"delta":' +
                $Delta + ',"finish_reason":' + $finish + '}]}'
        }

        while ($State.Running) {
            # Polled rather than blocking: on Linux a blocked GetContext() outlives HttpListener.Stop().
            $next = $Listener.GetContextAsync()
            while ($State.Running -and -not $next.Wait(100)) { }
            if (-not $State.Running) { break }
            $context = $next.Result
            try {
                $request = $context.Request
                $body = [System.IO.StreamReader]::new($request.InputStream, $utf8).ReadToEnd()
                $authorization = [string] $request.Headers['Authorization']
                $State.Requests.Enqueue([pscustomobject]@{
                        Method        = $request.HttpMethod
                        Path          = $request.Url.AbsolutePath
                        Authorization = $authorization
                        Body          = $body
                    })

                if ($authorization -notmatch '^Bearer \S+') {
                    Send-Json $context 401 '{"error":{"message":"Missing or invalid API key","type":"authentication_error","code":"unauthorized"}}' @{}
                    continue
                }
                if ($request.Url.AbsolutePath -eq '/v1/models') {
                    Send-Json $context 200 ('{"object":"list","data":[' +
                        '{"id":"gpt-5.2","object":"model","created":1700000000,"owned_by":"openai"},' +
                        '{"id":"gpt-5-mini","object":"model","created":1700000000,"owned_by":"openai"},' +
                        '{"id":"claude-sonnet-4.5","object":"model","created":1700000000,"owned_by":"anthropic"}]}') @{}
                    continue
                }
                if ($request.Url.AbsolutePath -ne '/v1/chat/completions') {
                    Send-Json $context 404 '{"error":{"message":"Not found","type":"not_found_error","code":"not_found"}}' @{}
                    continue
                }

                $scripted = $null
                if ($State.Responses.TryDequeue([ref] $scripted)) {
                    if ($scripted.Events) {
                        Send-Events $context $scripted.Events (-not $scripted.NoDone) $scripted.DelayMilliseconds $scripted.Headers
                    }
                    else {
                        Send-Json $context $scripted.Status $scripted.Body $scripted.Headers
                    }
                    continue
                }

                $fields = Get-JsonFields ([System.Text.Json.JsonDocument]::Parse($body).RootElement)
                $said = ''
                if ($fields.ContainsKey('messages')) {
                    foreach ($message in $fields['messages'].EnumerateArray()) {
                        $messageFields = Get-JsonFields $message
                        if ($messageFields['role'].GetString() -eq 'user') { $said = $messageFields['content'].ToString() }
                    }
                }
                $reply = "You said: $said"
                $streamed = $fields.ContainsKey('stream') -and $fields['stream'].ValueKind -eq 'True'
                $withUsage = $fields.ContainsKey('stream_options') -and
                    (Get-JsonFields $fields['stream_options'])['include_usage'].ValueKind -eq 'True'
                $words = $reply -split '(?<= )'
                $usage = '{"prompt_tokens":' + ($said -split ' ').Count + ',"completion_tokens":' + $words.Count +
                    ',"total_tokens":' + (($said -split ' ').Count + $words.Count) + '}'

                if ($streamed) {
                    $events = [System.Collections.Generic.List[string]]::new()
                    $events.Add((New-Chunk '{"role":"assistant","content":""}' ''))
                    foreach ($word in $words) { $events.Add((New-Chunk ('{"content":' + (ConvertTo-JsonText $word) + '}') '')) }
                    $events.Add((New-Chunk '{}' 'stop'))
                    if ($withUsage) {
                        $events.Add('{"id":"chatcmpl-test","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.2","choices":[],"usage":' + $usage + '}')
                    }
                    Send-Events $context $events.ToArray() $true 0 @{}
                }
                else {
                    Send-Json $context 200 ('{"id":"chatcmpl-test","object":"chat.completion","created":1700000000,"model":"gpt-5.2","choices":[{"index":0,' +
                        '"message":{"role":"assistant","content":' + (ConvertTo-JsonText $reply) + '},"finish_reason":"stop"}],"usage":' + $usage + '}') @{ 'X-Edgee-Provider' = 'test-gateway' }
                }
            }
            catch {
                # A client that hung up mid-answer (Select-Object -First, a timeout) is not the gateway's problem.
                try { $context.Response.Abort() } catch { }
            }
        }
    }

    $worker = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
    $null = $worker.AddScript($loop.ToString()).AddArgument($listener).AddArgument($state)
    $completion = $worker.BeginInvoke()

    [pscustomobject]@{
        PSTypeName = 'EdgeePS.TestGateway'
        BaseUrl    = "http://127.0.0.1:$port"
        Listener   = $listener
        State      = $state
        Worker     = $worker
        Completion = $completion
    }
}

function Stop-TestGateway {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [pscustomobject] $Gateway)

    $Gateway.State.Running = $false
    try { $null = $Gateway.Worker.EndInvoke($Gateway.Completion) } catch { }
    $Gateway.Worker.Dispose()
    $Gateway.Listener.Stop()
    $Gateway.Listener.Close()
}

function Add-TestGatewayResponse {
    <#
    .SYNOPSIS
        Queues the answer to the next chat completion request: a JSON body with a status, or server-sent events.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Json')]
    param(
        [Parameter(Mandatory)] [pscustomobject] $Gateway,
        [Parameter(ParameterSetName = 'Json')] [int] $Status = 200,
        [Parameter(Mandatory, ParameterSetName = 'Json')] [string] $Body,
        [Parameter(Mandatory, ParameterSetName = 'Events')] [string[]] $Events,
        # End the stream without its [DONE] marker, as a connection cut short does.
        [Parameter(ParameterSetName = 'Events')] [switch] $NoDone,
        # Wait after each event, to watch chunks arrive one by one.
        [Parameter(ParameterSetName = 'Events')] [int] $DelayMilliseconds = 0,
        [hashtable] $Header = @{}
    )

    $Gateway.State.Responses.Enqueue([pscustomobject]@{
            Status            = $Status
            Body              = $Body
            Events            = $Events
            NoDone            = [bool] $NoDone
            DelayMilliseconds = $DelayMilliseconds
            Headers           = $Header
        })
}

function Get-TestGatewayRequest {
    <#
    .SYNOPSIS
        The requests the gateway received, oldest first.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [pscustomobject] $Gateway)

    $Gateway.State.Requests.ToArray()
}

function New-TestGatewayChunk {
    <#
    .SYNOPSIS
        The JSON of one chat.completion.chunk that adds -Content to the answer.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Content, [string] $FinishReason)

    $finish = if ($FinishReason) { '"' + $FinishReason + '"' } else { 'null' }
    '{"id":"chatcmpl-test","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.2","choices":[{"index":0,"delta":{"content":"' +
        [System.Text.Json.JsonEncodedText]::Encode($Content).ToString() + '"},"finish_reason":' + $finish + '}]}'
}

function New-TestGatewayError {
    <#
    .SYNOPSIS
        The JSON of an error as the gateway sends it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Type, [Parameter(Mandatory)] [string] $Message, [string] $Code = 'test_error')

    '{"error":{"message":"' + [System.Text.Json.JsonEncodedText]::Encode($Message).ToString() + '","type":"' + $Type + '","code":"' + $Code + '"}}'
}

function Get-EdgeePSManifestPath {
    <#
    .SYNOPSIS
        The manifest under test: $env:EDGEEPS_MANIFEST (e.g. a packaged module) or the repository's EdgeePS.psd1.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($env:EDGEEPS_MANIFEST) { $env:EDGEEPS_MANIFEST } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../EdgeePS.psd1") }
}
