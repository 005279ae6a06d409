using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WireGuard.Conn;
using WireGuard.Noise;
using WireGuard.Routing;

namespace WireGuard.Device;

/// <summary>
/// The userspace WireGuard engine: Noise handshakes, sessions, timers and crypto-key routing between an
/// <see cref="ITun"/> and an <see cref="IBind"/>. Configure with <see cref="Apply"/> (UAPI semantics), then
/// <see cref="Start"/>; <see cref="Dispose"/> stops every loop and disposes the TUN and the bind (the device owns them).
/// Threads: one receive loop (UDP → TUN), one send loop (TUN → UDP), a handshake thread, and a timer.
/// </summary>
public sealed partial class WireGuardDevice : IWireGuardDevice, IDisposable
{
    /// <summary>Bytes reserved in front of every packet for the transport header (packets are encrypted in place).</summary>
    public const int HeadRoom = Protocol.TransportHeaderSize;

    /// <summary>Size of each packet buffer: a 64 KiB datagram plus header, padding and tag.</summary>
    internal const int BufferSize = 65536 + 64;

    private const int MaxQueuedHandshakes = 1024;

    private readonly ITun _tun;
    private readonly IBind _bind;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly long _epochTs;
    private readonly Lock _configLock = new();
    private readonly ConcurrentDictionary<Key, Peer> _peers = new();
    private readonly AllowedIps<Peer> _routes = new();
    private readonly IndexTable _index = new();
    private readonly CookieChecker _cookieChecker = new();
    private readonly RateLimiter _rateLimiter = new();
    private readonly DeviceCounters _counters = new();
    private readonly BlockingCollection<HandshakeWork> _handshakes = new(new ConcurrentQueue<HandshakeWork>());
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _bindOpen = new(false);
    private readonly List<Thread> _threads = [];
    private volatile StaticIdentity? _identity;
    private ushort _configuredPort;
    private volatile int _boundPort = -1;
    private uint _fwmark;
    private int _queuedHandshakes;
    private ITimer? _timer;
    private CryptoWorkers? _crypto;
    private volatile bool _disposed;
    private bool _started;

    /// <summary>Creates a stopped device over <paramref name="tun"/> and <paramref name="bind"/> (both owned from now on).</summary>
    public WireGuardDevice(ITun tun, IBind bind, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tun);
        ArgumentNullException.ThrowIfNull(bind);
        _tun = tun;
        _bind = bind;
        _log = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _epochTs = _time.GetTimestamp();
    }

    /// <summary>Handshakes queued at or above this count put the device "under load" (cookies, rate limit). Default 128.</summary>
    public int UnderLoadThreshold { get; set; } = 128;

    /// <summary>
    /// Threads that share the crypto of one batch (the loop thread included); set before <see cref="Start"/>.
    /// Default: the core count (at most 4) on machines with 4 or more cores, otherwise 1, which keeps all crypto on
    /// the receive and send threads (on 2 cores those two threads already use both; waking a worker costs more).
    /// </summary>
    public int CryptoParallelism { get; set; } = Environment.ProcessorCount >= 4 ? Math.Min(Environment.ProcessorCount, 4) : 1;

    /// <summary>True while the handshake queue is at or above <see cref="UnderLoadThreshold"/>.</summary>
    public bool IsUnderLoad => Volatile.Read(ref _queuedHandshakes) >= UnderLoadThreshold;

    /// <summary>The device's public key, when a private key is set.</summary>
    public Key? PublicKey => _identity?.PublicKeyValue;

    /// <summary>The UDP port actually bound (0 before <see cref="Start"/>).</summary>
    public ushort ListenPort => _boundPort < 0 ? (ushort)0 : (ushort)_boundPort;

    /// <summary>The TUN interface name.</summary>
    public string Name => _tun.Name;

    /// <summary>Drop and cookie counters since creation.</summary>
    public DeviceCountersSnapshot GetCounters() => _counters.Snapshot();

    /// <summary>Milliseconds on the device's monotonic clock (the injected TimeProvider).</summary>
    internal long NowMs => (long)_time.GetElapsedTime(_epochTs).TotalMilliseconds;

    /// <summary>Opens the bind on the configured port and starts the loops. Throws <see cref="WireGuardConfigException"/> (98) when the port is in use.</summary>
    public void Start()
    {
        lock (_configLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            OpenBind(_configuredPort);
            if (_fwmark != 0)
            {
                _bind.SetMark(_fwmark);
            }

            _started = true;
        }

        _crypto = new CryptoWorkers(CryptoParallelism);
        StartThread(ReceiveLoop, "wg-rx");
        StartThread(SendLoop, "wg-tx");
        StartThread(HandshakeWorker, "wg-handshake");
        foreach (var peer in _peers.Values)
        {
            int keepalive;
            lock (peer.TimerLock)
            {
                keepalive = peer.Timers.PersistentKeepaliveSeconds;
            }

            if (keepalive > 0)
            {
                SendKeepalive(peer); // as wireguard-go: a peer with persistent keepalive is contacted when the device comes up
            }
        }

        _timer = _time.CreateTimer(_ => RunTimers(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        Log.DeviceUp(_log, _tun.Name, ListenPort);
    }

    /// <summary>Stops the loops, wipes keys and disposes the TUN and the bind.</summary>
    public void Dispose()
    {
        lock (_configLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stop.Cancel();
        _timer?.Dispose();
        _handshakes.CompleteAdding();
        _bindOpen.Set();
        _bind.Close();
        _tun.Dispose();
        foreach (var t in _threads)
        {
            t.Join(TimeSpan.FromSeconds(5));
        }

        _crypto?.Dispose();

        _bind.Dispose();
        foreach (var peer in _peers.Values)
        {
            RemovePeerState(peer);
        }

        _identity?.Wipe();
        _stop.Dispose();
        _handshakes.Dispose();
        _bindOpen.Dispose();
        if (_started)
        {
            Log.DeviceDown(_log, _tun.Name);
        }
    }

    private void StartThread(Action loop, string name)
    {
        var t = new Thread(() => RunLoop(loop, name)) { IsBackground = true, Name = name };
        _threads.Add(t);
        t.Start();
    }

    private void RunLoop(Action loop, string name)
    {
        try
        {
            loop();
        }
        catch (Exception ex) when (!_disposed)
        {
            Log.LoopFailed(_log, ex, _tun.Name, name);
        }
        catch (Exception) when (_disposed)
        {
            // shutting down: the TUN or bind was closed under the loop
        }
    }

    private void OpenBind(ushort port)
    {
        try
        {
            _boundPort = _bind.Open(port);
            _bindOpen.Set();
        }
        catch (WireGuardConfigException)
        {
            throw;
        }
        catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            throw new WireGuardConfigException(98, $"UDP port {port} is already in use; pick another listen_port or stop the program holding it", ex);
        }
    }

    /// <summary>A received handshake message (pooled buffer) or, with <see cref="Initiate"/>, a request to send an initiation.</summary>
    private readonly record struct HandshakeWork(byte[]? Buffer, int Length, UdpEndpoint Source, Peer? Initiate = null, bool IsRetry = false);
}
