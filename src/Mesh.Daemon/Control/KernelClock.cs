using System.Runtime.InteropServices;

namespace Mesh.Daemon.Control;

/// <summary>
/// Whether the kernel considers the system clock synchronized, as every NTP client (chrony, ntpd,
/// systemd-timesyncd) tells it through adjtimex: a read-only <c>adjtimex</c> call returns <c>TIME_ERROR</c> while
/// <c>STA_UNSYNC</c> is set.
/// </summary>
public static partial class KernelClock
{
    private const int TimeError = 5;
    private const int MaxErrorOffset = 24; // struct timex on LP64: modes, pad, offset, freq, maxerror (µs)
    private const int StatusOffset = 40;   // ... esterror, status
    private const int StaUnsync = 0x40;

    /// <summary>Reads the kernel's clock state; null when adjtimex is not available (not Linux, seccomp).</summary>
    public static unsafe ClockState? Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var timex = stackalloc byte[256]; // sizeof(struct timex) is 208; modes = 0 only reads
        new Span<byte>(timex, 256).Clear();
        var state = Adjtimex(timex);
        if (state < 0)
        {
            return null;
        }

        var status = *(int*)(timex + StatusOffset);
        var maxError = *(long*)(timex + MaxErrorOffset);
        return new ClockState(state != TimeError && (status & StaUnsync) == 0, TimeSpan.FromMicroseconds(maxError));
    }

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static unsafe partial int Adjtimex(byte* timex);
}

/// <summary>The kernel's view of the clock.</summary>
/// <param name="Synchronized">True when an NTP client keeps the clock in sync.</param>
/// <param name="MaxError">The kernel's maximum error estimate.</param>
public sealed record ClockState(bool Synchronized, TimeSpan MaxError);
