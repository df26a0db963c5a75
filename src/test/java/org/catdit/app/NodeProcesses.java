package org.catdit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real {@code catdit node} processes for the slow end-to-end tests: each started on loopback with
 * an admin port, its output collected, asked over the admin API, and killed outright when a test
 * wants a crash. Indexes are in start order; a restart on the same data directory is a new index.
 */
final class NodeProcesses implements AutoCloseable {
  static final Pattern INVITE = Pattern.compile("invite: ([0-9a-f]{32})@127\\.0\\.0\\.1:([0-9]+)");
  static final Pattern ADMIN = Pattern.compile("admin: http://127\\.0\\.0\\.1:([0-9]+)/");
  static final ObjectMapper JSON = new ObjectMapper();

  private final String maxHeap;
  private final Duration requestTimeout;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> processes = new ArrayList<>();
  private final List<List<String>> outputs = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private final List<Integer> adminPorts = new ArrayList<>();
  private final Set<Integer> dead = new HashSet<>();

  /**
   * @param maxHeap each JVM's {@code -Xmx} (many JVMs share a small machine)
   * @param requestTimeout how long one admin request may take
   */
  NodeProcesses(String maxHeap, Duration requestTimeout) {
    this.maxHeap = maxHeap;
    this.requestTimeout = requestTimeout;
  }

  /** Starts a node on {@code dataDirectory}, joining through {@code contact} if not null. */
  int start(Path dataDirectory, String contact) throws IOException {
    int index = processes.size();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Many JVMs on a small machine: small heaps, quick start.
    command.addAll(
        List.of("-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(
        List.of(
            "node",
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--admin-port",
            "0",
            "--data",
            dataDirectory.toString(),
            "--status-seconds",
            "5",
            "--no-discovery"));
    if (contact != null) {
      command.addAll(List.of("--contact", contact));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process is gone.
              }
            },
            "node-" + index + "-output");
    reader.setDaemon(true);
    reader.start();
    processes.add(process);
    outputs.add(lines);
    ids.add(null);
    adminPorts.add(null);
    return index;
  }

  /** Waits until the node has printed its invite and admin address. */
  void awaitStarted(int index, Duration patience) throws InterruptedException {
    await(
        patience,
        () -> find(index, INVITE) != null && find(index, ADMIN) != null,
        "node " + index + " printed its invite and admin address");
    ids.set(index, find(index, INVITE).group(1));
    adminPorts.set(index, Integer.parseInt(find(index, ADMIN).group(1)));
  }

  int size() {
    return processes.size();
  }

  String id(int index) {
    return ids.get(index);
  }

  int udpPort(int index) {
    return Integer.parseInt(find(index, INVITE).group(2));
  }

  Matcher find(int index, Pattern pattern) {
    for (String line : outputs.get(index)) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        return matcher;
      }
    }
    return null;
  }

  boolean said(int index, String text) {
    return outputs.get(index).stream().anyMatch(line -> line.contains(text));
  }

  /** SIGKILL: to its peers, a crash. */
  void kill(int index) throws InterruptedException {
    processes.get(index).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    dead.add(index);
  }

  boolean isDead(int index) {
    return dead.contains(index);
  }

  JsonNode get(int index, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request(index, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  HttpResponse<byte[]> getBytes(int index, String path) throws IOException, InterruptedException {
    return http.send(request(index, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> send(int index, String method, String path, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        request(index, path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(int index, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPorts.get(index) + path))
        .timeout(requestTimeout);
  }

  /** Polls {@code condition}; on timeout fails with the last lines of every node's output. */
  void await(Duration patience, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        StringBuilder tails = new StringBuilder();
        for (int i = 0; i < outputs.size(); i++) {
          List<String> lines = outputs.get(i);
          tails
              .append("\nnode ")
              .append(i)
              .append(dead.contains(i) ? " (killed)" : "")
              .append(": ")
              .append(lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
        throw new AssertionError("not within " + patience + ": " + what + tails);
      }
      Thread.sleep(100);
    }
  }

  /** Kills every process still running. */
  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
