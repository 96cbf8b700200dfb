using System.Runtime.InteropServices;

namespace Oso.Testing;

/// <summary>The process's umask, for tests that prove a host creates its files private whatever umask it was started with.</summary>
public static class ProcessUmask
{
    /// <summary>Sets the umask (e.g. <c>0o022</c>, the usual default); returns the previous one. Does nothing on Windows.</summary>
    public static uint Set(uint mask) => OperatingSystem.IsWindows() ? 0 : umask(mask);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable IDE1006, CA1401 // the C name
    private static extern uint umask(uint mask);
#pragma warning restore IDE1006, CA1401
}
