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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server of its own for a test: a new cluster ({@code initdb}) in a temporary directory, started with
 * {@code pg_ctl} on a free port of loopback, stopped and deleted by {@link #close()} (or when the JVM exits). It needs
 * the server binaries of Debian's {@code postgresql} package ({@code /usr/lib/postgresql/<version>/bin}), which
 * {@code .ci/run} installs when they are missing. PostgreSQL refuses to run as root: as root, the cluster belongs to
 * and runs as the package's {@code postgres} user.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "camel";
    static final String DATABASE = "postgres";

    private final Path bin;
    private final Path directory;
    private final int port;
    private final Thread stopAtExit = new Thread(this::stop, "postgres-stop");

    private PostgresServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    static PostgresServer start() {
        Path bin = binaries();
        try {
            Path directory = Files.createTempDirectory("pg-");
            if (root()) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName("postgres"));
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            PostgresServer server = new PostgresServer(bin, directory, port);
            Path data = directory.resolve("data");
            server.run("initdb", "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale",
                    "--no-sync");
            Runtime.getRuntime().addShutdownHook(server.stopAtExit);
            server.run("pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w", "-t",
                    "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=off "
                                + "-c max_connections=200",
                    "start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
    }

    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        return dataSource;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the hook stops it
        }
        stop();
    }

    private synchronized void stop() {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            run("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // not running
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** Runs a PostgreSQL program (as the postgres user when this JVM runs as root); fails with its output. */
    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                String log = Files.exists(directory.resolve("server.log"))
                        ? Files.readString(directory.resolve("server.log")) : "";
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The bin directory of the newest PostgreSQL server installed the Debian way. */
    static Path binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                Path newest = installed.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(
                "The PostgreSQL server is not installed (no /usr/lib/postgresql/<version>/bin/pg_ctl): "
                                        + "install Debian's postgresql package (apt-get install postgresql), as .ci/run does");
    }
}
