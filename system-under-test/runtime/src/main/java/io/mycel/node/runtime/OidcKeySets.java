package io.mycel.node.runtime;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.mycel.node.pubsub.auth.KeySetSource;
import io.mycel.node.pubsub.auth.RemoteKeySetProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token keys fetched over HTTP for the mqtt program's jwt plugin: from a JWKS URL, or from the
 * {@code jwks_uri} of an OpenID Connect issuer's discovery document
 * ({@code ISSUER/.well-known/openid-configuration}, whose {@code issuer} must be the configured one,
 * as OpenID Connect Discovery requires). The broker reads the keys from memory; fetching happens on
 * one daemon thread per source: first at start, again every five minutes (issuers publish a new key
 * before they sign with it), and at once when a token names a key not held, at most every ten
 * seconds so that made-up key ids cannot make the node hammer its issuer.
 *
 * <p>Plain {@code http://} is accepted only on loopback: keys fetched in the clear from elsewhere
 * could be anyone's. When the first fetch fails, the node starts anyway with no keys (tokens are
 * refused, never let through) and tries again every ten seconds: an edge node may boot before its
 * uplink is there.
 */
public final class OidcKeySets implements RemoteKeySetProvider {

    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration RETRY = Duration.ofSeconds(10);
    /** The least time between fetches a token's unknown key may cause; tests shorten it. */
    static volatile Duration minRefetch = RETRY;

    @Override
    public KeySetSource open(String issuer, String jwksUrl) {
        checkTransport(jwksUrl != null ? jwksUrl : issuer);
        return new Remote(issuer, jwksUrl);
    }

    private static void checkTransport(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth: jwt: not a URL: '" + url + "'", e);
        }
        if ("http".equals(uri.getScheme()) && !loopback(uri.getHost())) {
            throw new IllegalArgumentException("auth: jwt: keys from " + url + " would travel unencrypted; use https (http only on loopback)");
        }
    }

    private static boolean loopback(String host) {
        try {
            return host != null && (host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress());
        } catch (IOException e) {
            return false;
        }
    }

    /** One issuer's keys, refreshed on its own thread. */
    static final class Remote implements KeySetSource {

        private final String issuer;
        private final String configuredJwksUrl;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ScheduledExecutorService fetcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mycel-jwks");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong lastFetchNanos = new AtomicLong(System.nanoTime() - RETRY.toNanos());
        private final AtomicBoolean fetchQueued = new AtomicBoolean();
        private volatile JWKSet keys = new JWKSet();
        private volatile String lastProblem;

        Remote(String issuer, String jwksUrl) {
            this.issuer = issuer;
            this.configuredJwksUrl = jwksUrl;
            fetch();   // on the caller's thread: a node that can reach its issuer starts with its keys
            fetcher.scheduleWithFixedDelay(this::fetch, REFRESH.toSeconds(), REFRESH.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public JWKSet current() {
            return keys;
        }

        @Override
        public void missing(String keyId) {
            long since = System.nanoTime() - lastFetchNanos.get();
            if (since >= minRefetch.toNanos() && fetchQueued.compareAndSet(false, true)) {
                fetcher.execute(() -> {
                    fetchQueued.set(false);
                    fetch();
                });
            }
        }

        /** The last fetch's failure, or null. */
        String lastProblem() {
            return lastProblem;
        }

        private void fetch() {
            lastFetchNanos.set(System.nanoTime());
            try {
                String jwksUrl = configuredJwksUrl != null ? configuredJwksUrl : discover();
                keys = JWKSet.parse(get(jwksUrl)).toPublicJWKSet();
                lastProblem = null;
            } catch (IOException | ParseException | RuntimeException e) {
                String problem = "auth: jwt: cannot fetch keys for " + issuer + ": " + e.getMessage();
                if (!problem.equals(lastProblem)) {
                    System.err.println(problem + "; trying again every " + RETRY.toSeconds() + " s");
                }
                lastProblem = problem;
                fetcher.schedule(this::fetch, RETRY.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String discover() throws IOException, InterruptedException, ParseException {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            Map<String, Object> doc = JSONObjectUtils.parse(get(base + "/.well-known/openid-configuration"));
            Object named = doc.get("issuer");
            if (!issuer.equals(named)) {
                throw new IOException("the discovery document names issuer '" + named + "', not '" + issuer + "'");
            }
            Object jwksUri = doc.get("jwks_uri");
            if (!(jwksUri instanceof String s)) {
                throw new IOException("the discovery document has no jwks_uri");
            }
            checkTransport(s);
            return s;
        }

        private String get(String url) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        }
    }
}
