using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <summary>
/// Subscribes to rtnetlink multicast groups and turns notifications into typed events, so the daemon
/// sees changes made by anyone (e.g. `ip link set X down`). One reader thread per monitor feeds a
/// bounded channel; read it with <see cref="ReadAllAsync"/>. A buffer overflow yields <see cref="EventsLost"/>.
/// </summary>
public sealed class NetlinkMonitor : IDisposable
{
    private const int PollMs = 200;
    private readonly NetlinkSocket _socket;
    private readonly Channel<NetlinkEvent> _events = Channel.CreateBounded<NetlinkEvent>(
        new BoundedChannelOptions(65536) { SingleReader = false, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Thread _reader;
    private volatile bool _stopping;

    private NetlinkMonitor(NetlinkSocket socket)
    {
        _socket = socket;
        _reader = new Thread(Run) { IsBackground = true, Name = "netlink-monitor" };
        _reader.Start();
    }

    /// <summary>Starts monitoring <paramref name="groups"/> in the caller's or the named namespace.</summary>
    public static NetlinkMonitor Start(MonitorGroups groups = MonitorGroups.All, string? netns = null)
    {
        uint mask = 0;
        if (groups.HasFlag(MonitorGroups.Links))
        {
            mask |= Rt.GroupBit(Rt.GroupLink);
        }

        if (groups.HasFlag(MonitorGroups.Addresses))
        {
            mask |= Rt.GroupBit(Rt.GroupIpv4IfAddr) | Rt.GroupBit(Rt.GroupIpv6IfAddr);
        }

        if (groups.HasFlag(MonitorGroups.Routes))
        {
            mask |= Rt.GroupBit(Rt.GroupIpv4Route) | Rt.GroupBit(Rt.GroupIpv6Route);
        }

        return new NetlinkMonitor(NetlinkSocket.Open(NetlinkProtocol.Route, netns, mask));
    }

    /// <summary>Events in arrival order until the monitor is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<NetlinkEvent> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The channel reader, for callers that prefer WaitToReadAsync/TryRead.</summary>
    public ChannelReader<NetlinkEvent> Reader => _events.Reader;

    /// <summary>Stops the reader thread (within ~200 ms) and closes the socket.</summary>
    public void Dispose()
    {
        _stopping = true;
        _reader.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
        _events.Writer.TryComplete();
    }

    /// <summary>Decodes one notification; null for messages the monitor does not model.</summary>
    public static NetlinkEvent? Decode(in NetlinkMessage m) => m.Type switch
    {
        Rt.NewLink or Rt.DelLink => LinkDecoder.Decode(m) is { } l ? new LinkEvent(m.Type == Rt.DelLink, l) : null,
        Rt.NewAddr or Rt.DelAddr => AddressCodec.Decode(m) is { } a ? new AddressEvent(m.Type == Rt.DelAddr, a) : null,
        Rt.NewRoute or Rt.DelRoute => RouteCodec.Decode(m) is { } r ? new RouteEvent(m.Type == Rt.DelRoute, r) : null,
        _ => null,
    };

    private void Run()
    {
        Exception? failure = null;
        try
        {
            while (!_stopping)
            {
                try
                {
                    _socket.ReceiveNotifications(PollMs, Publish);
                }
                catch (NetlinkException e) when (e.Errno == Errno.ENOBUFS)
                {
                    Write(new EventsLost());
                }
            }
        }
        catch (Exception e) when (e is NetlinkException or ObjectDisposedException)
        {
            failure = _stopping ? null : e;
        }
        finally
        {
            _events.Writer.TryComplete(failure);
        }
    }

    private void Publish(in NetlinkMessage m)
    {
        if (Decode(m) is { } e)
        {
            Write(e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Write(NetlinkEvent e)
    {
        // Bounded wait so a stalled consumer cannot wedge Dispose.
        while (!_stopping && !_events.Writer.TryWrite(e))
        {
            Thread.Sleep(10);
        }
    }
}
