package io.mycel.faults.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Toxiproxy's HTTP API over the JDK's HTTP server: {@code /proxies}, {@code /proxies/NAME},
 * {@code /proxies/NAME/toxics}, {@code /proxies/NAME/toxics/TOXIC}, {@code /populate},
 * {@code /reset} and {@code /version}, with Toxiproxy's methods and status codes (an update is a
 * POST, or a PATCH). Errors come back as {@code {"error": ..., "status": ...}}; a request the API
 * cannot make sense of gets a 400 saying what was expected, never a dropped connection.
 */
final class ProxyApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultProxy server;

    private ProxyApi(FaultProxy server) {
        this.server = server;
    }

    static HttpServer serve(FaultProxy server, InetSocketAddress address) throws IOException {
        HttpServer http = HttpServer.create(address, 16);
        ProxyApi api = new ProxyApi(server);
        http.createContext("/", api::handle);
        http.start();
        return http;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] parts = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            try {
                JsonNode body = readBody(exchange);
                route(exchange, method.equals("PATCH") ? "POST" : method, parts, body);
            } catch (ApiException e) {
                sendError(exchange, e.status, e.getMessage());
            } catch (RuntimeException e) {
                // A fault of the proxy's own: the caller still gets an answer, not a dropped connection.
                sendError(exchange, 500, e.toString());
            }
        }
    }

    private void route(HttpExchange ex, String method, String[] p, JsonNode body) throws IOException {
        String path = String.join("/", p);
        if (path.equals("version") && method.equals("GET")) {
            byte[] text = ("{\"version\": \"" + FaultProxy.VERSION + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, text.length);
            ex.getResponseBody().write(text);
            return;
        }
        if (path.equals("reset") && method.equals("POST")) {
            server.reset();
            send(ex, 204, null);
            return;
        }
        if (path.equals("populate") && method.equals("POST")) {
            send(ex, 201, server.populate(body));
            return;
        }
        if (p.length == 0 || !p[0].equals("proxies")) {
            throw new ApiException(404, "no such path: /" + path);
        }
        if (p.length == 1) {
            switch (method) {
                case "GET" -> send(ex, 200, server.all());
                case "POST" -> send(ex, 201, server.create(body));
                default -> throw notAllowed(method, path);
            }
            return;
        }
        Proxy proxy = server.proxy(p[1]);
        if (p.length == 2) {
            switch (method) {
                case "GET" -> send(ex, 200, proxy.toJson());
                case "POST" -> {
                    proxy.update(body);
                    send(ex, 200, proxy.toJson());
                }
                case "DELETE" -> {
                    server.delete(p[1]);
                    send(ex, 204, null);
                }
                default -> throw notAllowed(method, path);
            }
            return;
        }
        if (!p[2].equals("toxics") || p.length > 4) {
            throw new ApiException(404, "no such path: /" + path);
        }
        if (p.length == 3) {
            switch (method) {
                case "GET" -> send(ex, 200, proxy.toxicsJson());
                case "POST" -> send(ex, 200, proxy.addToxic(body).toJson());
                default -> throw notAllowed(method, path);
            }
            return;
        }
        switch (method) {
            case "GET" -> send(ex, 200, proxy.toxic(p[3]).toJson());
            case "POST" -> send(ex, 200, proxy.updateToxic(p[3], body).toJson());
            case "DELETE" -> {
                proxy.removeToxic(p[3]);
                send(ex, 204, null);
            }
            default -> throw notAllowed(method, path);
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.put("error", message);
        error.put("status", status);
        send(exchange, status, error);
    }

    private static ApiException notAllowed(String method, String path) {
        return new ApiException(405, method + " is not allowed on /" + path);
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(1 << 20);
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
