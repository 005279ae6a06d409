using System.Runtime.InteropServices;

namespace WireGuard.Linux;

/// <summary>
/// Unmanaged memory for a batch of mmsghdr with their iovecs, sockaddrs, control buffers and data slots, laid
/// out once so the hot path neither allocates nor pins.
/// </summary>
internal sealed unsafe class NativeArea : IDisposable
{
    public const int CmsgSpace = 64;

    public NativeArea(int count, int slotSize)
    {
        Count = count;
        SlotSize = slotSize;
        Msgs = (Native.MMsgHdr*)NativeMemory.AllocZeroed((nuint)(count * sizeof(Native.MMsgHdr)));
        Iovs = (Native.IoVec*)NativeMemory.AllocZeroed((nuint)(count * sizeof(Native.IoVec)));
        Names = (byte*)NativeMemory.AllocZeroed((nuint)(count * SockAddr.Size));
        Controls = (byte*)NativeMemory.AllocZeroed((nuint)(count * CmsgSpace));
        Data = (byte*)NativeMemory.AlignedAlloc((nuint)count * (nuint)slotSize, 64);
    }

    public int Count { get; }

    public int SlotSize { get; }

    public Native.MMsgHdr* Msgs { get; private set; }

    public Native.IoVec* Iovs { get; private set; }

    public byte* Names { get; private set; }

    public byte* Controls { get; private set; }

    public byte* Data { get; private set; }

    public byte* Slot(int i) => Data + ((nint)i * SlotSize);

    public byte* Name(int i) => Names + (i * SockAddr.Size);

    public byte* Control(int i) => Controls + (i * CmsgSpace);

    public void Dispose()
    {
        NativeMemory.Free(Msgs);
        NativeMemory.Free(Iovs);
        NativeMemory.Free(Names);
        NativeMemory.Free(Controls);
        NativeMemory.AlignedFree(Data);
        Msgs = null;
        Iovs = null;
        Names = null;
        Controls = null;
        Data = null;
    }
}
