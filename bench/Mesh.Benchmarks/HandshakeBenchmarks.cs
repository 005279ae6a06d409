using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using WireGuard;

namespace Mesh.Benchmarks;

/// <summary>
/// One complete WireGuard handshake between two identities, as two devices perform it: initiation created and
/// mac1 added, mac1 checked and initiation consumed, response created and mac1 added, mac1 checked and response
/// consumed, both transport keypairs derived. Handshakes/s = 1 / mean (one thread).
/// </summary>
[MemoryDiagnoser]
public class HandshakeBenchmarks
{
    private const string Ns = "WireGuard.Noise.";
    private static readonly Type NoiseIk = Type(Ns + "NoiseIK");

    private static readonly CreateInitiationFn CreateInitiationCall = InternalBinder.Method<CreateInitiationFn>(NoiseIk, "CreateInitiation");
    private static readonly ConsumeInitiationFn ConsumeInitiationCall = InternalBinder.Method<ConsumeInitiationFn>(NoiseIk, "ConsumeInitiation");
    private static readonly CreateResponseFn CreateResponseCall = InternalBinder.Method<CreateResponseFn>(NoiseIk, "CreateResponse");
    private static readonly ConsumeResponseFn ConsumeResponseCall = InternalBinder.Method<ConsumeResponseFn>(NoiseIk, "ConsumeResponse");
    private static readonly BeginSessionFn BeginSessionCall = InternalBinder.Method<BeginSessionFn>(NoiseIk, "BeginSession");
    private static readonly AddMacsFn AddMacsCall = InternalBinder.Method<AddMacsFn>(Type(Ns + "CookieGenerator"), "AddMacs");
    private static readonly CheckMac1Fn CheckMac1Call = InternalBinder.Method<CheckMac1Fn>(Type(Ns + "CookieChecker"), "CheckMac1");

    private readonly byte[] _init = new byte[148];
    private readonly byte[] _resp = new byte[92];
    private object _idA = null!, _idB = null!, _hsA = null!, _hsB = null!, _genA = null!, _genB = null!, _chkA = null!, _chkB = null!, _lookupB = null!;
    private long _nowMs;
    private DateTimeOffset _start;

    private delegate bool CreateInitiationFn(object id, object hs, uint localIndex, DateTimeOffset now, Span<byte> msg);

    private delegate object? ConsumeInitiationFn(object id, ReadOnlySpan<byte> msg, object lookup, long nowMs);

    private delegate bool CreateResponseFn(object hs, uint localIndex, Span<byte> msg);

    private delegate bool ConsumeResponseFn(object id, object hs, ReadOnlySpan<byte> msg);

    private delegate object? BeginSessionFn(object hs, long nowMs);

    private delegate void AddMacsFn(object generator, Span<byte> msg, long nowMs);

    private delegate bool CheckMac1Fn(object checker, ReadOnlySpan<byte> msg);

    private delegate object NewFn1(Key key);

    private delegate object NewFn2(Key key, object owner);

    private delegate object NewFn0();

    private delegate void PrecomputeFn(object hs, object? id);

    private delegate void SetIdentityFn(object checker, object? id);

    private delegate object NewGeneratorFn(ReadOnlySpan<byte> remoteStatic);

    /// <summary>Two static identities, each knowing the other as a peer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var keyA = PrivateKey(1);
        var keyB = PrivateKey(2);
        var newId = InternalBinder.Constructor<NewFn1>(Type(Ns + "StaticIdentity"));
        _idA = newId(keyA);
        _idB = newId(keyB);
        var pubA = new Key((byte[])_idA.GetType().GetProperty("PublicKey")!.GetValue(_idA)!);
        var pubB = new Key((byte[])_idB.GetType().GetProperty("PublicKey")!.GetValue(_idB)!);
        var hsType = Type(Ns + "Handshake");
        var newHs = InternalBinder.Constructor<NewFn2>(hsType);
        var precompute = InternalBinder.Method<PrecomputeFn>(hsType, "Precompute");
        _hsA = newHs(pubB, new object());
        _hsB = newHs(pubA, new object());
        precompute(_hsA, _idA);
        precompute(_hsB, _idB);
        var newGen = InternalBinder.Constructor<NewGeneratorFn>(Type(Ns + "CookieGenerator"));
        _genA = newGen(pubB.Bytes);
        _genB = newGen(pubA.Bytes);
        var checkerType = Type(Ns + "CookieChecker");
        var newChecker = InternalBinder.Constructor<NewFn0>(checkerType);
        var setIdentity = InternalBinder.Method<SetIdentityFn>(checkerType, "SetIdentity");
        _chkA = newChecker();
        _chkB = newChecker();
        setIdentity(_chkA, _idA);
        setIdentity(_chkB, _idB);

        // Func<byte[], Handshake?> lookup = _ => _hsB
        var arg = Expression.Parameter(typeof(byte[]));
        _lookupB = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(byte[]), hsType), Expression.Constant(_hsB, hsType), arg).Compile();
        _start = DateTimeOffset.UtcNow;
        Handshake();
    }

    /// <summary>A full handshake; throws if any step fails, so only successful handshakes are timed.</summary>
    [Benchmark]
    public object Handshake()
    {
        // A fresh timestamp and a clock past the initiation rate limit (the responder rejects replays and floods).
        _nowMs += 1_000;
        var now = _start.AddMilliseconds(_nowMs);
        if (!CreateInitiationCall(_idA, _hsA, 1, now, _init))
        {
            throw new InvalidOperationException("initiation not created");
        }

        AddMacsCall(_genA, _init, _nowMs);
        if (!CheckMac1Call(_chkB, _init) || ConsumeInitiationCall(_idB, _init, _lookupB, _nowMs) is null)
        {
            throw new InvalidOperationException("initiation not consumed");
        }

        if (!CreateResponseCall(_hsB, 2, _resp))
        {
            throw new InvalidOperationException("response not created");
        }

        AddMacsCall(_genB, _resp, _nowMs);
        if (!CheckMac1Call(_chkA, _resp) || !ConsumeResponseCall(_idA, _hsA, _resp))
        {
            throw new InvalidOperationException("response not consumed");
        }

        var responder = BeginSessionCall(_hsB, _nowMs) ?? throw new InvalidOperationException("responder session not derived");
        return BeginSessionCall(_hsA, _nowMs) ?? responder;
    }

    private static Type Type(string name) => typeof(Key).Assembly.GetType(name, throwOnError: true)!;

    private static Key PrivateKey(byte seed)
    {
        var k = new byte[32];
        k.AsSpan().Fill(seed);
        k[0] &= 248;
        k[31] = (byte)((k[31] & 127) | 64);
        return new Key(k);
    }
}
