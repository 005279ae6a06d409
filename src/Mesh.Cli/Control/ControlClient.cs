using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mesh.Control;

namespace Mesh.Cli.Control;

/// <summary>Raised when meshd cannot be reached or answers with an error; the message says what to do.</summary>
public sealed class ControlException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ControlException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ControlException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Talks to meshd over its control socket (one JSON line each way).</summary>
public static class ControlClient
{
    /// <summary>Sends one command and returns the response; throws <see cref="ControlException"/> when meshd is not reachable.</summary>
    public static ControlResponse Send(string socketPath, string command, TimeSpan? timeout = null)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveTimeout = socket.SendTimeout = (int)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused)
        {
            throw new ControlException($"meshd is not running (no listener on {socketPath}); start it with 'systemctl start meshd' or pass --socket");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new ControlException($"permission denied on {socketPath}: run as root or as a member of the meshd group");
        }
        catch (SocketException e)
        {
            throw new ControlException($"cannot reach meshd at {socketPath}: {e.Message}; is meshd running? (systemctl status meshd)");
        }

        using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = JsonSerializer.Serialize(new ControlRequest(ControlProtocol.Version, command), ControlJsonContext.Default.ControlRequest);
        stream.Write(Encoding.UTF8.GetBytes(request + "\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? line;
        try
        {
            line = reader.ReadLine();
        }
        catch (IOException e)
        {
            throw new ControlException($"meshd did not answer on {socketPath}: {e.Message}");
        }

        if (line is null)
        {
            throw new ControlException($"meshd closed the connection on {socketPath} without answering");
        }

        var response = JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlResponse)
            ?? throw new ControlException("meshd sent an empty response");
        if (!response.Ok)
        {
            throw new ControlException($"meshd: {response.Error}");
        }

        return response;
    }
}
