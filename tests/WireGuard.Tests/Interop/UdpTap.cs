using System.Net;
using System.Net.Sockets;

namespace WireGuard.Tests.Interop;

/// <summary>
/// A UDP relay between a peer and a device (both directions through one socket) that keeps a copy of every
/// datagram the peer sent, so tests can replay or tamper with real WireGuard messages.
/// </summary>
internal sealed class UdpTap : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _device;
    private readonly Thread _thread;
    private readonly List<byte[]> _fromPeer = [];
    private EndPoint? _peer;
    private volatile bool _stop;

    public UdpTap(Socket socket, IPEndPoint device)
    {
        _socket = socket;
        _device = device;
        _socket.ReceiveTimeout = 200;
        _thread = new Thread(Run) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Copies of what the peer sent, by message type.</summary>
    public IReadOnlyList<byte[]> FromPeer(byte type)
    {
        lock (_fromPeer)
        {
            return _fromPeer.Where(d => d[0] == type).ToList();
        }
    }

    /// <summary>Sends a datagram to the device as if the peer sent it.</summary>
    public void Inject(byte[] datagram) => _socket.SendTo(datagram, _device);

    private void Run()
    {
        var buf = new byte[65536];
        while (!_stop)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n;
            try
            {
                n = _socket.ReceiveFrom(buf, ref from);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (Exception)
            {
                return; // never let a background thread take the test host (and its namespace cleanup) down
            }

            var ep = (IPEndPoint)from;
            var d = buf.AsSpan(0, n).ToArray();
            if (ep.Port == _device.Port && ep.Address.Equals(_device.Address))
            {
                if (_peer is not null)
                {
                    TrySend(d, _peer);
                }
            }
            else
            {
                _peer = ep;
                lock (_fromPeer)
                {
                    _fromPeer.Add(d);
                }

                TrySend(d, _device);
            }
        }
    }

    private void TrySend(byte[] d, EndPoint to)
    {
        try
        {
            _socket.SendTo(d, to);
        }
        catch (SocketException)
        {
            // a lost datagram, as on any UDP path
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(2000);
        _socket.Dispose();
    }
}
