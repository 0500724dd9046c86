package dev.spool.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made by a test: it issues server and client certificates with the names
 * and validity dates the test asks for, and writes them as PEM files and PKCS#12 key stores. Server
 * certificates also serve as client certificates, as Redis Cluster nodes need on the cluster bus.
 */
public final class TestCa {

    /** The password of every key store this class writes. */
    public static final char[] PASSWORD = "changeit".toCharArray();

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    /** What was issued: the certificate and key as PEM files, and both in a PKCS#12 key store. */
    public record Issued(Path certificatePem, Path keyPem, Path keyStore, X509Certificate certificate) {}

    private TestCa(Path dir, String name, KeyPair keys, X509Certificate certificate) {
        this.dir = dir;
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed authority; its certificate is written to {@code <name>-ca.pem}. */
    public static TestCa create(Path dir, String name) {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(subject, serial(), date(now.minus(Duration.ofHours(1))),
                date(now.plus(Duration.ofDays(2))), subject, keys.getPublic()), keys.getPrivate(), ca -> {
                    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
        TestCa ca = new TestCa(dir, name, keys, certificate);
        writePem(ca.caPem(), "CERTIFICATE", der(certificate));
        return ca;
    }

    /** The authority's certificate as a PEM file. */
    public Path caPem() {
        return dir.resolve(name + "-ca.pem");
    }

    /** The authority's certificate in a PKCS#12 trust store with {@link #PASSWORD}. */
    public Path trustStore() {
        return trustStore("PKCS12");
    }

    /** The authority's certificate in a trust store of this type ({@code PKCS12}, {@code JKS}). */
    public Path trustStore(String type) {
        Path file = dir.resolve(name + "-trust." + type.toLowerCase(java.util.Locale.ROOT));
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setCertificateEntry("ca", certificate);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD);
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate for these names ({@code DNS:localhost}, {@code IP:127.0.0.1}), valid now. */
    public Issued server(String label, String... names) {
        Instant now = Instant.now();
        return issue(label, ecKeys(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), false, names);
    }

    /** A server certificate that expired an hour ago. */
    public Issued expiredServer(String label, String... names) {
        Instant now = Instant.now();
        return issue(label, ecKeys(), now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)), false, names);
    }

    /** A client certificate with an EC key. */
    public Issued client(String label) {
        Instant now = Instant.now();
        return issue(label, ecKeys(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), true);
    }

    /** A client certificate with an RSA key, written in PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}). */
    public Issued rsaClient(String label) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Instant now = Instant.now();
            return issue(label, generator.generateKeyPair(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued issue(String label, KeyPair subjectKeys, Instant notBefore, Instant notAfter, boolean client, String... names) {
        X509Certificate issued = sign(new JcaX509v3CertificateBuilder(certificate, serial(), date(notBefore), date(notAfter),
                new X500Name("CN=" + label), subjectKeys.getPublic()), keys.getPrivate(), leaf -> {
                    leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    leaf.addExtension(Extension.extendedKeyUsage, false,
                            // a cluster node is a client too: nodes authenticate each other on the cluster bus
                            new ExtendedKeyUsage(client ? new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}
                                    : new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                    leaf.addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
                    if (names.length > 0) {
                        GeneralName[] general = new GeneralName[names.length];
                        for (int i = 0; i < names.length; i++) {
                            String[] typeAndValue = names[i].split(":", 2);
                            general[i] = new GeneralName(typeAndValue[0].equals("IP") ? GeneralName.iPAddress : GeneralName.dNSName,
                                    typeAndValue[1]);
                        }
                        leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general));
                    }
                });
        Path certificatePem = dir.resolve(label + ".crt");
        Path keyPem = dir.resolve(label + ".key");
        Path keyStore = dir.resolve(label + ".p12");
        writePem(certificatePem, "CERTIFICATE", der(issued));
        PrivateKey key = subjectKeys.getPrivate();
        if (key.getAlgorithm().equals("RSA")) {
            writePem(keyPem, "RSA PRIVATE KEY", pkcs1(key));
        } else {
            writePem(keyPem, "PRIVATE KEY", key.getEncoded());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", key, PASSWORD, new Certificate[] {issued, certificate});
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                store.store(out, PASSWORD);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(certificatePem, keyPem, keyStore, issued);
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException, GeneralSecurityException;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey, Extensions extensions) {
        try {
            extensions.add(builder);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pkcs1(PrivateKey key) {
        try {
            return PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void writePem(Path file, String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        try {
            Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }
}
