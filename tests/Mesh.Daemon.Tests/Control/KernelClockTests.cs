using Mesh.Daemon.Control;
using TestSupport;

namespace Mesh.Daemon.Tests.Control;

public sealed class KernelClockTests
{
    [Fact]
    public void The_kernel_state_matches_what_adjtimex_reports_to_the_ntp_tools()
    {
        var state = KernelClock.Read();
        Assert.NotNull(state);

        // the same question asked through another path: python's ctypes call of adjtimex
        var python = Sh.Run("python3", ["-c", "import ctypes;b=ctypes.create_string_buffer(256);print(ctypes.CDLL(None).adjtimex(b))"]);
        Assert.SkipWhen(python.ExitCode != 0, "python3 is not available to cross-check adjtimex");
        var synchronizedByPython = python.StdOut.Trim() != "5";
        Assert.Equal(synchronizedByPython, state.Synchronized);
        Assert.True(state.MaxError >= TimeSpan.Zero);
    }
}
