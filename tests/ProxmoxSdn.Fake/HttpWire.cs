using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxmoxSdn.Fake;

/// <summary>Just enough HTTP/1.1 for the fake API: one request per connection.</summary>
internal static class HttpWire
{
    internal sealed record RawRequest(string Method, string Path, IReadOnlyDictionary<string, string> Params, string? Authorization);

    public static async Task<RawRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (buffer.Count > 65536 || await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n");
        var start = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);

        var target = start[1];
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? target : target[..q];
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        Decode(q < 0 ? string.Empty : target[(q + 1)..], parameters);
        Decode(Encoding.UTF8.GetString(body), parameters);
        return new RawRequest(start[0], path, parameters, headers.GetValueOrDefault("Authorization"));
    }

    public static async Task WriteResponseAsync(Stream stream, PveResponse response, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["data"] = response.Data?.DeepClone() };
        if (response.Errors is { Count: > 0 } errors)
        {
            body["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var reason = response.Reason.Replace('\n', ' ').Replace('\r', ' ').Trim();
        var head = $"HTTP/1.1 {response.Status} {reason}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head), cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    private static void Decode(string text, Dictionary<string, string> into)
    {
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            into[key] = value;
        }
    }
}
