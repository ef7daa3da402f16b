# The streaming client most PowerShell LLM modules ship, written the way they write it: HttpClient from script,
# blocking on each Task, a ReadLine loop, and one JSON parse per line, all in script. It is the script-module
# contender of the benchmark, not a client anyone should use.
# Those modules use ConvertTo-Json and ConvertFrom-Json; the benchmark's hosted engine has only the core cmdlets, so
# System.Text.Json stands in for them (JsonDocument is, if anything, faster than ConvertFrom-Json).

function Invoke-LlmChatStream {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Model,
        [Parameter(Mandatory)] [string] $Prompt,
        [Parameter(Mandatory)] [string] $ApiKey,
        [Parameter(Mandatory)] [string] $BaseUrl
    )

    $payload = [ordered]@{
        model    = $Model
        messages = @(@{ role = 'user'; content = $Prompt })
        stream   = $true
    }
    $body = [System.Text.Json.JsonSerializer]::Serialize($payload, $payload.GetType())

    $client = [System.Net.Http.HttpClient]::new()
    try {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, "$BaseUrl/v1/chat/completions")
        $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $ApiKey)
        $request.Content = [System.Net.Http.StringContent]::new($body, [System.Text.Encoding]::UTF8, 'application/json')

        $response = $client.SendAsync($request, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            throw "API error $([int]$response.StatusCode): $($response.Content.ReadAsStringAsync().GetAwaiter().GetResult())"
        }

        $reader = [System.IO.StreamReader]::new($response.Content.ReadAsStreamAsync().GetAwaiter().GetResult())
        try {
            while ($null -ne ($line = $reader.ReadLine())) {
                if (-not $line.StartsWith('data: ')) {
                    continue
                }
                $data = $line.Substring(6)
                if ($data -eq '[DONE]') {
                    break
                }

                $chunk = [System.Text.Json.JsonDocument]::Parse($data)
                try {
                    $choices = $chunk.RootElement.GetProperty('choices')
                    if ($choices.GetArrayLength() -gt 0) {
                        $content = [System.Text.Json.JsonElement]::new()
                        if ($choices[0].GetProperty('delta').TryGetProperty('content', [ref] $content)) {
                            $text = $content.GetString()
                            if ($text) {
                                $text
                            }
                        }
                    }
                }
                finally {
                    $chunk.Dispose()
                }
            }
        }
        finally {
            $reader.Dispose()
        }
    }
    finally {
        $client.Dispose()
    }
}

Export-ModuleMember -Function Invoke-LlmChatStream
