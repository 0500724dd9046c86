package dev.spool.internal;

import dev.spool.SpoolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files: certificates ({@code BEGIN CERTIFICATE}) and unencrypted private keys in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) form, with the
 * JDK alone. Errors name the file and say how to convert what is not supported.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS"};
    private static final String TO_PKCS8 = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8";

    private Pem() {}

    private record Block(String label, String body) {}

    /** Every certificate in the file, in order; at least one. */
    static List<X509Certificate> certificates(Path file, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file, what)) {
                if (block.label().equals("CERTIFICATE")) {
                    byte[] der = decode(block, file, what);
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
        } catch (CertificateException e) {
            throw new SpoolException("the " + what + " " + file + " holds a certificate that does not parse: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new SpoolException("the " + what + " " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The one private key in the file. */
    static PrivateKey privateKey(Path file, String what) {
        for (Block block : blocks(file, what)) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return pkcs8(decode(block, file, what), file, what);
                case "RSA PRIVATE KEY":
                    if (block.body().contains("ENCRYPTED")) {
                        throw new SpoolException("the " + what + " " + file + " is encrypted; Spool reads unencrypted keys only: "
                                + TO_PKCS8);
                    }
                    return pkcs8(rsaPkcs1ToPkcs8(decode(block, file, what)), file, what);
                case "ENCRYPTED PRIVATE KEY":
                    throw new SpoolException("the " + what + " " + file + " is encrypted; Spool reads unencrypted keys only "
                            + "(protect the file instead, or use a PKCS#12 key store): " + TO_PKCS8);
                case "EC PRIVATE KEY":
                    throw new SpoolException("the " + what + " " + file + " is an EC key in SEC1 form; Spool reads PKCS#8 keys: "
                            + TO_PKCS8);
                default:
                    // certificates or parameters next to the key: skip them
            }
        }
        throw new SpoolException("the " + what + " " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** Throws unless {@code key} is the private key of {@code certificate}'s public key. */
    static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certificateFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return; // a key type whose signature needs parameters: the handshake will tell
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new SpoolException("the TLS client key " + keyFile + " does not belong to the first certificate in "
                    + certificateFile + " (" + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private static List<Block> blocks(Path file, String what) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SpoolException("cannot read the " + what + " " + file + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), matcher.group(2)));
        }
        return blocks;
    }

    private static byte[] decode(Block block, Path file, String what) {
        StringBuilder base64 = new StringBuilder();
        for (String line : block.body().split("\\R")) {
            if (!line.contains(":")) { // skip RFC 1421 headers such as Proc-Type
                base64.append(line.strip());
            }
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new SpoolException("the " + what + " " + file + " has a " + block.label() + " block that is not base64", e);
        }
    }

    private static PrivateKey pkcs8(byte[] der, Path file, String what) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new SpoolException("the " + what + " " + file + " holds a private key of a type Spool cannot read"
                + " (RSA, EC, Ed25519 and Ed448 are read)");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm. */
    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] versionAndAlgorithm = {
            0x02, 0x01, 0x00, // INTEGER 0
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
        };
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(versionAndAlgorithm);
        body.write(0x04); // OCTET STRING
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30); // SEQUENCE
        writeLength(info, body.size());
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
