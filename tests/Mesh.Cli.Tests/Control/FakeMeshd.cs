using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mesh.Control;

namespace Mesh.Cli.Tests.Control;

/// <summary>A control socket that answers status, peers and doctor with fixed reports (one request per connection, like meshd).</summary>
internal sealed class FakeMeshd : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<string, ControlResponse> _answer;

    public FakeMeshd(string socketPath, Func<string, ControlResponse> answer)
    {
        SocketPath = socketPath;
        _answer = answer;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(8);
        _loop = Task.Run(ServeAsync);
    }

    public string SocketPath { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
        File.Delete(SocketPath);
    }

    private async Task ServeAsync()
    {
        // bounded: a test makes a handful of requests
        for (var i = 0; i < 100 && !_stop.IsCancellationRequested; i++)
        {
            using var client = await _listener.AcceptAsync(_stop.Token);
            await using var stream = new NetworkStream(client, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var line = await reader.ReadLineAsync(_stop.Token);
            var request = JsonSerializer.Deserialize(line ?? "{}", ControlJsonContext.Default.ControlRequest);
            var response = _answer(request?.Command ?? string.Empty);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(response, ControlJsonContext.Default.ControlResponse) + "\n"), _stop.Token);
        }
    }
}
