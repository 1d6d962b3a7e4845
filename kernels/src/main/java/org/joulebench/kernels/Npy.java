package org.joulebench.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tensors as NumPy {@code .npy} files (how the external backend's runners and golden vectors exchange them) (format version 1.0 written; 1.0-3.0 read): little-endian, C order. How each
 * catalogue element type is stored is {@link #descr(ElementType)}; int4 is stored packed, as the catalogue keeps
 * it, with the last dimension in bytes ({@link #fileShape}). Reading checks the header against what is expected
 * and that all the data is there, so a runner's wrong-typed, wrong-shaped or truncated output is named.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Headers longer than this are not a tensor of ours (NumPy's own limit for a v1 header is 64 KiB). */
    private static final int MAX_HEADER_BYTES = 1 << 16;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** The {@code .npy} descr a catalogue element type is stored as (bf16 as its 16-bit patterns). */
    public static String descr(ElementType type) {
        return switch (type) {
            case F32 -> "<f4";
            case F16 -> "<f2";
            case BF16 -> "<u2";
            case I8 -> "|i1";
            case I32 -> "<i4";
            case I4_PACKED -> "|u1";
        };
    }

    /** The array shape in the file: the tensor's dims, except packed int4 whose last dim counts bytes. */
    public static int[] fileShape(ElementType type, int[] dims) {
        int[] shape = dims.clone();
        if (type == ElementType.I4_PACKED && shape.length > 0) {
            shape[shape.length - 1] = (shape[shape.length - 1] + 1) / 2;
        }
        return shape;
    }

    /** A header as NumPy writes it: the dict, padded with spaces and a newline to a multiple of 64 bytes. */
    public static byte[] header(String descr, int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1
                ? "(" + shape[0] + ",)"
                : "(" + (dims.isEmpty() ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes a tensor (to a temporary name, then renamed, so a reader sees the whole file or none). */
    public static void write(Path file, Tensor t) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(header(descr(t.type()), fileShape(t.type(), t.dims()))));
            ByteBuffer data =
                    ByteBuffer.allocateDirect(Math.toIntExact(t.storageBytes())).order(ByteOrder.LITTLE_ENDIAN);
            switch (t.type()) {
                case F32 -> data.asFloatBuffer().put((float[]) t.data());
                case F16, BF16 -> data.asShortBuffer().put((short[]) t.data());
                case I8, I4_PACKED -> data.put((byte[]) t.data());
                case I32 -> data.asIntBuffer().put((int[]) t.data());
            }
            data.rewind();
            while (data.hasRemaining()) {
                ch.write(data);
            }
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes doubles (a reference output) as {@code <f8}, to a temporary name and then renamed. */
    public static void writeF64(Path file, double[] data, int[] shape) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(header("<f8", shape)));
            ByteBuffer b = ByteBuffer.allocateDirect(Math.multiplyExact(data.length, 8))
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a {@code <f8} array of exactly this shape. */
    public static double[] readF64(Path file, int[] shape, String what) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            Header h = readHeader(in, what);
            if (!h.descr.equals("<f8") || h.fortranOrder || !Arrays.equals(h.shape, shape)) {
                throw new NpyException(what + ": descr '" + h.descr + "' shape " + tuple(h.shape) + ", expected '<f8' "
                        + tuple(shape) + " in C order");
            }
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (size - h.headerBytes != n * 8) {
                throw new NpyException(what + ": " + (size - h.headerBytes) + " data bytes, expected " + n * 8);
            }
            double[] out = new double[Math.toIntExact(n)];
            ByteBuffer.wrap(in.readNBytes(Math.toIntExact(n * 8)))
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asDoubleBuffer()
                    .get(out);
            return out;
        }
    }

    /** What a file does not match; thrown by {@link #read} with a one-line message. */
    public static final class NpyException extends IOException {
        private static final long serialVersionUID = 1L;

        public NpyException(String message) {
            super(message);
        }
    }

    /**
     * Reads a tensor that must have exactly this element type and these (logical) dims.
     *
     * @param what names the tensor in messages, e.g. {@code gemm/fp32 output}
     */
    public static Tensor read(Path file, String name, ElementType type, int[] dims, String what) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            Header h = readHeader(in, what);
            String want = descr(type);
            if (!h.descr.equals(want)
                    && !(h.descr.equals("<u1") && want.equals("|u1"))
                    && !(h.descr.equals("<i1") && want.equals("|i1"))) {
                throw new NpyException(what + ": descr '" + h.descr + "', expected '" + want + "'");
            }
            if (h.fortranOrder) {
                throw new NpyException(what + ": Fortran order; C order (row-major) expected");
            }
            int[] shape = fileShape(type, dims);
            if (!Arrays.equals(h.shape, shape)) {
                throw new NpyException(what + ": shape " + tuple(h.shape) + ", expected " + tuple(shape));
            }
            int n = Tensor.storageLength(type, dims);
            // storage bytes: elements of the Java array times their width (int4 is already counted in bytes)
            long bytes = (long) n * (type == ElementType.I4_PACKED ? 1 : type.bits() / 8);
            long present = size - h.headerBytes;
            if (present < bytes) {
                throw new NpyException(what + ": truncated, " + present + " of " + bytes + " data bytes");
            }
            if (present > bytes) {
                throw new NpyException(what + ": " + (present - bytes) + " bytes after the data");
            }
            byte[] raw = in.readNBytes(Math.toIntExact(bytes));
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            Object data = switch (type) {
                case F32 -> {
                    float[] a = new float[n];
                    b.asFloatBuffer().get(a);
                    yield a;
                }
                case F16, BF16 -> {
                    short[] a = new short[n];
                    b.asShortBuffer().get(a);
                    yield a;
                }
                case I8, I4_PACKED -> raw;
                case I32 -> {
                    int[] a = new int[n];
                    b.asIntBuffer().get(a);
                    yield a;
                }
            };
            return new Tensor(name, type, dims, data);
        }
    }

    /** The descr and shape of a file, for messages and the vectors manifest. */
    public record Header(String descr, boolean fortranOrder, int[] shape, int headerBytes) {}

    public static Header readHeader(Path file, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readHeader(in, what);
        }
    }

    static Header readHeader(InputStream in, String what) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length + 2);
        if (magic.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(magic, MAGIC.length), MAGIC)) {
            throw new NpyException(what + ": not a .npy file (no \\x93NUMPY magic)");
        }
        int major = magic[MAGIC.length];
        int headerLength;
        int prefix;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            if (l.length < 2) {
                throw new NpyException(what + ": truncated header");
            }
            headerLength = (l[0] & 0xff) | (l[1] & 0xff) << 8;
            prefix = MAGIC.length + 4;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            if (l.length < 4) {
                throw new NpyException(what + ": truncated header");
            }
            headerLength = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            prefix = MAGIC.length + 6;
        } else {
            throw new NpyException(what + ": .npy format version " + major + " is not one of 1, 2, 3");
        }
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new NpyException(what + ": header of " + headerLength + " bytes");
        }
        byte[] text = in.readNBytes(headerLength);
        if (text.length < headerLength) {
            throw new NpyException(what + ": truncated header");
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict), f = FORTRAN.matcher(dict), s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new NpyException(what + ": header is not a .npy dict with descr, fortran_order and shape");
        }
        String[] parts = s.group(1).split(",");
        int[] shape = Arrays.stream(parts)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .mapToInt(p -> {
                    String digits = p.endsWith("L") ? p.substring(0, p.length() - 1) : p;
                    try {
                        return Integer.parseInt(digits);
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                })
                .toArray();
        if (Arrays.stream(shape).anyMatch(x -> x < 0)) {
            throw new NpyException(what + ": shape (" + s.group(1).strip() + ") is not a tuple of sizes");
        }
        return new Header(d.group(1), f.group(1).equals("True"), shape, prefix + headerLength);
    }

    public static String tuple(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
