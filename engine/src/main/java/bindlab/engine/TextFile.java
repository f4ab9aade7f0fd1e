// Reads a user's text file whole and safely: a size limit, strict UTF-8, no NUL bytes, a byte-order mark dropped,
// CRLF read as LF. Every problem is BadInput naming the file (and the line where there is one).
package bindlab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

public final class TextFile {
    private TextFile() {
    }

    /** The file's text; BadInput when it is missing, too big, not UTF-8 or holds a NUL byte. */
    public static String read(Path file, long maxBytes) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw BadInput.of(name, "is a directory, not a file");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw BadInput.of(name, "is " + size + " bytes; the limit is " + maxBytes);
            }
            bytes = readAtMost(file, maxBytes);
        } catch (NoSuchFileException e) {
            throw BadInput.of(name, "no such file");
        } catch (IOException e) {
            throw BadInput.of(name, "cannot be read: " + e.getMessage());
        }
        return decode(name, bytes, maxBytes);
    }

    /** The same checks for text already in memory (a named argument or an embedded resource). */
    public static String decode(String name, byte[] bytes, long maxBytes) {
        if (bytes.length > maxBytes) {
            throw BadInput.of(name, "is " + bytes.length + " bytes; the limit is " + maxBytes);
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new BadInput(name, lineAt(bytes, i), "", "holds a NUL byte (at byte " + i + "): not a text file");
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult r = utf8.decode(in, out, true);
        if (r.isError()) {
            throw new BadInput(name, lineAt(bytes, in.position()), "", "is not valid UTF-8 (at byte " + in.position() + ")");
        }
        utf8.flush(out);
        String text = out.flip().toString();
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }

    private static byte[] readAtMost(Path file, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            long total = 0;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw BadInput.of(file.toString(), "is more than " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The 1-based line holding byte offset i. */
    public static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
