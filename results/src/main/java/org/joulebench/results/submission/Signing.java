package org.joulebench.results.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.joulebench.results.json.Json;

/**
 * Ed25519 signatures of a submission's manifest, with the JDK's own provider. Keys are PEM files:
 * private keys PKCS#8 ({@code PRIVATE KEY}), public keys X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}).
 */
public final class Signing {
    public static final String ALGORITHM = "Ed25519";

    private Signing() {}

    /** Generates a key pair and writes both PEM files (the private one readable by its owner only where the file system allows). */
    public static KeyPair generateKeyPair(Path privatePem, Path publicPem) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
        if (Files.exists(privatePem) || Files.exists(publicPem)) {
            throw new IOException("refusing to overwrite an existing key file: " + privatePem + " / " + publicPem);
        }
        Json.writeAtomically(privatePem, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(
                    privatePem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Json.writeAtomically(publicPem, toPem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return pair;
    }

    public static byte[] toPem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The PEM text of a public key. */
    public static byte[] publicKeyPem(PublicKey key) {
        return toPem("PUBLIC KEY", key.getEncoded());
    }

    private static byte[] fromPem(String source, String text, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new GeneralSecurityException(source + ": not a PEM " + type + " (expected " + begin + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new GeneralSecurityException(source + ": bad base64 in PEM: " + ex.getMessage(), ex);
        }
    }

    /** Largest key file read, in bytes (an Ed25519 PEM is about 120). */
    static final int MAX_PEM_BYTES = 64 * 1024;

    /** Reads a key file with a bound: a huge or endless file is an error, never read whole. */
    private static String readPem(Path pem) throws IOException, GeneralSecurityException {
        try (java.io.InputStream in = Files.newInputStream(pem)) {
            byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
            if (bytes.length > MAX_PEM_BYTES) {
                throw new GeneralSecurityException(pem + ": larger than " + MAX_PEM_BYTES + " bytes, not a key file");
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        }
    }

    public static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        byte[] der = fromPem(pem.toString(), readPem(pem), "PRIVATE KEY");
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    public static PublicKey readPublicKey(Path pem) throws IOException, GeneralSecurityException {
        return parsePublicKey(pem.toString(), readPem(pem).getBytes(StandardCharsets.US_ASCII));
    }

    public static PublicKey parsePublicKey(String source, byte[] pem) throws GeneralSecurityException {
        byte[] der = fromPem(source, new String(pem, StandardCharsets.US_ASCII), "PUBLIC KEY");
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    }

    /**
     * The public key of an Ed25519 private key. The JDK has no direct call for it; an Ed25519 private
     * key is its 32-byte seed, and the JDK's key-pair generator derives the pair from 32 bytes of its
     * random source, so feeding it the seed regenerates the same pair. {@link #matches} confirms it.
     */
    public static PublicKey publicKeyOf(PrivateKey privateKey) throws GeneralSecurityException {
        if (!(privateKey instanceof java.security.interfaces.EdECPrivateKey ed)) {
            throw new GeneralSecurityException("not an Ed25519 private key: " + privateKey.getAlgorithm());
        }
        byte[] seed = ed.getBytes().orElseThrow(() -> new GeneralSecurityException("private key bytes not accessible"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance(ALGORITHM);
        gen.initialize(java.security.spec.NamedParameterSpec.ED25519, new java.security.SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        PublicKey pub = gen.generateKeyPair().getPublic();
        if (!matches(privateKey, pub)) {
            throw new GeneralSecurityException("could not derive the public key of this private key");
        }
        return pub;
    }

    /** Whether the two keys form a pair (checked by signing and verifying a probe). */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "joulebench key check".getBytes(StandardCharsets.US_ASCII);
        return verify(publicKey, probe, sign(privateKey, probe));
    }

    /** Base64 of the Ed25519 signature of {@code data}, followed by a newline. */
    public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(data);
        return (Base64.getEncoder().encodeToString(s.sign()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code signatureBase64} (as {@link #sign} writes it) is a valid signature of {@code data}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBase64) throws GeneralSecurityException {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(new String(signatureBase64, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Signature s = Signature.getInstance(ALGORITHM);
        s.initVerify(key);
        s.update(data);
        try {
            return s.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
