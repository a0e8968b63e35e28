using System.Runtime.InteropServices;
using System.Text;

namespace CIA.Cli;

/// <summary>What a path names on disk (after following symbolic links).</summary>
internal enum FileKind
{
    /// <summary>Nothing there (or the type could not be found out; the caller treats it as absent).</summary>
    Missing,

    /// <summary>A part of the path before the last one is a file, not a folder (ENOTDIR).</summary>
    BlockedPath,
    Regular,
    Directory,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Other,
}

/// <summary>Kind, identity and permissions of a file. <see cref="Inode"/> is 0 when the identity is unknown.</summary>
internal readonly record struct FileFacts(FileKind Kind, ulong Device, ulong Inode, UnixFileMode? Mode)
{
    /// <summary>Same device and inode: the same file even under another name (bind mount, case-folding file system).</summary>
    public bool IsSameFileAs(FileFacts other) => Inode != 0 && Device == other.Device && Inode == other.Inode;

    public string Describe() => Kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Socket => "a socket",
        FileKind.Regular => "a file",
        _ => "not a regular file",
    };
}

/// <summary>
/// Finds out what a path is. .NET reports devices, FIFOs and sockets as ordinary files (<c>FileAttributes.Normal</c>),
/// and renaming over <c>/dev/null</c> as root would replace the device; so on Linux this asks the kernel with
/// <c>statx</c>, whose structure has the same layout on every architecture. Elsewhere, or where <c>statx</c> is not
/// available (old kernels, seccomp filters, C libraries without it), it falls back to what .NET can tell: folder,
/// file or nothing.
/// </summary>
internal static class FileProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private static volatile bool s_statxUnavailable;

    /// <summary>The facts about <paramref name="path"/>, following symbolic links.</summary>
    public static FileFacts Of(string path)
    {
        if (OperatingSystem.IsLinux() && !s_statxUnavailable)
        {
            try
            {
                var buffer = new byte[256];
                var name = Encoding.UTF8.GetBytes(path + "\0");
                if (Native.statx(AtFdCwd, name, 0, StatxBasicStats, buffer) == 0)
                {
                    return FromStatx(buffer);
                }

                switch (Marshal.GetLastPInvokeError())
                {
                    case ENOENT:
                        return new FileFacts(FileKind.Missing, 0, 0, null);
                    case ENOTDIR:
                        return new FileFacts(FileKind.BlockedPath, 0, 0, null);
                    default:
                        // EACCES, ENOSYS, EPERM from a seccomp filter...: let .NET say what it can.
                        break;
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                s_statxUnavailable = true;
            }
        }

        return Portable(path);
    }

    private static FileFacts FromStatx(byte[] b)
    {
        // struct statx (linux/stat.h): stx_mode u16 at 28, stx_ino u64 at 32, stx_dev_major/minor u32 at 136/140.
        var mode = BitConverter.ToUInt16(b, 28);
        var inode = BitConverter.ToUInt64(b, 32);
        var device = ((ulong)BitConverter.ToUInt32(b, 136) << 32) | BitConverter.ToUInt32(b, 140);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileFacts(kind, device, inode, (UnixFileMode)(mode & 0x1FF));
    }

    private static FileFacts Portable(string path)
    {
        if (Directory.Exists(path))
        {
            return new FileFacts(FileKind.Directory, 0, 0, null);
        }

        if (!File.Exists(path))
        {
            return new FileFacts(FileKind.Missing, 0, 0, null);
        }

        UnixFileMode? mode = null;
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                mode = File.GetUnixFileMode(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only used to keep the permissions of a replaced file; without them the new file gets the defaults.
            }
        }

        return new FileFacts(FileKind.Regular, 0, 0, mode);
    }

    private static class Native
    {
        // int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf): glibc 2.28+, musl 1.2.5+.
        // Byte arrays rather than strings and structs: blittable, so no marshalling code and no unsafe code is needed.
        [DllImport("libc", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks for its generated code; this signature needs no marshalling.
        public static extern int statx(int dirfd, byte[] path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
    }
}
