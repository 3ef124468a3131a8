/*
 * Copyright the camel-rekognition-video authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelrekognition.video;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The certificates Amazon SNS signs its messages with, found at the {@code SigningCertURL} of each message: fetched
 * only over https from an SNS host of AWS ({@code sns.<region>.amazonaws.com}, {@code sns.<region>.amazonaws.com.cn} in
 * China; GovCloud's are of the first form), so that TLS vouches for who issued them, and kept by URL. A certificate is
 * checked for its validity dates at each use.
 */
final class SnsSigningCertificates {

    /** The hosts of SNS's signing certificates in the AWS partitions. */
    static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z]{2}(-[a-z]+)+-\\d\\.amazonaws\\.com(\\.cn)?");
    /** Larger than any certificate: an answer beyond it is not one. */
    static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
    /** The certificates kept at most; SNS uses a handful per region. */
    static final int MAX_KEPT = 64;

    /** Reads the bytes at a URL that {@link #checkUrl(String)} accepted. */
    @FunctionalInterface
    interface Fetcher {
        byte[] fetch(URI url) throws IOException, InterruptedException;
    }

    private final Fetcher fetcher;
    private final Map<URI, X509Certificate> kept = new ConcurrentHashMap<>();

    SnsSigningCertificates() {
        this(new HttpsFetcher());
    }

    SnsSigningCertificates(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * The public key of the certificate at {@code signingCertUrl}.
     *
     * @throws UntrustedNotificationException when the URL is not an SNS certificate's of AWS, or the certificate is not
     *                                        valid now
     * @throws IOException                    when the certificate could not be fetched (the message should be tried
     *                                        again)
     */
    PublicKey publicKey(String signingCertUrl) throws UntrustedNotificationException, IOException {
        URI url = checkUrl(signingCertUrl);
        X509Certificate certificate = kept.get(url);
        if (certificate == null) {
            certificate = fetch(url);
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(url, certificate);
        }
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            kept.remove(url);
            throw new UntrustedNotificationException(
                    "the signing certificate at " + url + " is not valid now (valid "
                                                     + certificate.getNotBefore().toInstant() + " to "
                                                     + certificate.getNotAfter().toInstant() + ")");
        }
        return certificate.getPublicKey();
    }

    private X509Certificate fetch(URI url) throws UntrustedNotificationException, IOException {
        byte[] pem;
        try {
            pem = fetcher.fetch(url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the SNS signing certificate at " + url, e);
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new UntrustedNotificationException("the SigningCertURL " + url + " does not hold an X.509 certificate");
        }
    }

    /**
     * The URL of a signing certificate of SNS on AWS: https, on an SNS host, no port other than 443, no user info, a
     * {@code .pem} path.
     */
    static URI checkUrl(String signingCertUrl) throws UntrustedNotificationException {
        URI url;
        try {
            url = new URI(signingCertUrl);
        } catch (URISyntaxException e) {
            throw new UntrustedNotificationException("the SigningCertURL is not a URL: " + abbreviate(signingCertUrl));
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null || !SNS_HOST.matcher(url.getHost()).matches()
                || url.getRawUserInfo() != null || (url.getPort() != -1 && url.getPort() != 443) || url.getPath() == null
                || !url.getPath().endsWith(".pem") || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new UntrustedNotificationException(
                    "the SigningCertURL " + abbreviate(signingCertUrl)
                                                     + " is not an https URL of a .pem file on an SNS host of AWS "
                                                     + "(sns.<region>.amazonaws.com or sns.<region>.amazonaws.com.cn); "
                                                     + "for an SNS of another signer, set snsSigningCertificate");
        }
        return url;
    }

    /** The public key of a PEM certificate or PEM public key (RSA). */
    static PublicKey publicKeyOfPem(String pem) throws GeneralSecurityException {
        if (pem.contains("-----BEGIN CERTIFICATE-----")) {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getPublicKey();
        }
        String begin = "-----BEGIN PUBLIC KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException("not a PEM certificate (BEGIN CERTIFICATE) or public key (BEGIN PUBLIC KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /**
     * The JDK's HTTP client: https only (checked before), no redirects, bounded in time and size. Built at the first
     * fetch (a consumer that trusts snsSigningCertificate, or that only sees raw deliveries, never needs one), and
     * shared by the consumers of the JVM.
     */
    private static final class HttpsFetcher implements Fetcher {
        private static final Duration TIMEOUT = Duration.ofSeconds(10);

        /** The holder idiom: the client is made when {@code CLIENT} is first read. */
        private static final class Client {
            private static final HttpClient CLIENT = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        }

        @Override
        public byte[] fetch(URI url) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = Client.CLIENT.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("the SNS signing certificate at " + url + " answered HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_CERTIFICATE_BYTES) {
                throw new IOException(
                        "the SNS signing certificate at " + url + " is larger than "
                                      + MAX_CERTIFICATE_BYTES + " bytes");
            }
            return response.body();
        }
    }
}
