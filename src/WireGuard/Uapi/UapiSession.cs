using System.Globalization;
using System.Net.Sockets;
using System.Text;
using WireGuard.Device;

namespace WireGuard.Uapi;

/// <summary>
/// Serves one UAPI connection: any number of `get=1` / `set=1` requests, each answered with `errno=N\n\n`.
/// A bad request gets its errno and changes nothing; the connection (and the device) keep working.
/// An unknown operation line is answered with -EPROTO and ends the connection, since what follows cannot be framed.
/// </summary>
public static class UapiSession
{
    /// <summary>Largest accepted set request, in lines (about 100k peers' worth).</summary>
    public const int MaxSetLines = 1_000_000;

    /// <summary>Handles requests on <paramref name="stream"/> until the client closes it.</summary>
    public static async Task RunAsync(Stream stream, IWireGuardDevice device, Action<UapiError>? onError, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(device);
        var reader = new UapiLineReader(stream);
        try
        {
            while (true)
            {
                var op = await reader.ReadLineAsync(ct);
                if (op is null)
                {
                    return;
                }

                UapiError? error;
                string body = string.Empty;
                var close = false;
                switch (op)
                {
                    case "get=1":
                        var next = await reader.ReadLineAsync(ct);
                        error = next is null or "" ? Get(device, out body) : new UapiError(UapiErrno.Invalid, "get=1 must be followed by an empty line");
                        break;
                    case "set=1":
                        var lines = new List<string>();
                        string? l;
                        while ((l = await reader.ReadLineAsync(ct)) is { Length: > 0 } && lines.Count <= MaxSetLines)
                        {
                            lines.Add(l);
                        }

                        error = lines.Count > MaxSetLines
                            ? new UapiError(UapiErrno.Protocol, $"set request longer than {MaxSetLines} lines")
                            : Set(device, lines);
                        close = lines.Count > MaxSetLines;
                        break;
                    default:
                        error = new UapiError(UapiErrno.Protocol, $"unknown operation \"{(op.Length > 40 ? op[..40] : op)}\" (expected get=1 or set=1)");
                        close = true;
                        break;
                }

                if (error is not null)
                {
                    onError?.Invoke(error);
                }

                var reply = body + "errno=" + (error is null ? "0" : (-error.Errno).ToString(CultureInfo.InvariantCulture)) + "\n\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(reply), ct);
                await stream.FlushAsync(ct);
                if (close)
                {
                    return;
                }
            }
        }
        catch (InvalidDataException e)
        {
            onError?.Invoke(new UapiError(UapiErrno.Protocol, e.Message));
            await TryWriteAsync(stream, "errno=-71\n\n", ct);
        }
        catch (IOException)
        {
            // the client went away
        }
    }

    private static UapiError? Get(IWireGuardDevice device, out string body)
    {
        try
        {
            body = UapiGetWriter.Write(device.GetStatus());
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or IOException)
        {
            body = string.Empty;
            return new UapiError(UapiErrno.Io, "reading the device failed: " + e.Message);
        }
    }

    /// <summary>Parses and applies one set request body; returns the error to report, or null.</summary>
    public static UapiError? Set(IWireGuardDevice device, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(device);
        var change = UapiSetParser.Parse(lines, out var error);
        if (change is null)
        {
            return error;
        }

        try
        {
            device.Apply(change);
            return null;
        }
        catch (WireGuardConfigException e)
        {
            return new UapiError(e.Errno == 0 ? UapiErrno.Invalid : e.Errno, e.Message);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return new UapiError(UapiErrno.AddressInUse, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or ObjectDisposedException)
        {
            return new UapiError(UapiErrno.Io, "applying the change failed: " + e.Message);
        }
    }

    private static async Task TryWriteAsync(Stream stream, string text, CancellationToken ct)
    {
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct);
        }
        catch (IOException)
        {
        }
    }
}
