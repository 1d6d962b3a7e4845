package org.joulebench.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a page of a built site loads: the files its HTML names and those the browser really fetched. */
final class PageLoads {
    private static final Pattern SCRIPT = Pattern.compile("<script src=\"([^\"]+)\"");

    private PageLoads() {}

    /** The {@code data/} files a page's HTML names in its script tags, relative to the site root. */
    static List<String> dataScripts(Path site, Path page) {
        try {
            String html = Files.readString(page);
            List<String> out = new ArrayList<>();
            Matcher m = SCRIPT.matcher(html);
            while (m.find()) {
                String rel = site.relativize(
                                page.getParent().resolve(m.group(1)).normalize())
                        .toString()
                        .replace('\\', '/');
                if (rel.startsWith("data/")) {
                    out.add(rel);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The site files the page in the browser has loaded so far (the page itself first), relative to the site root:
     * its scripts, those a script added later included (Chromium keeps no resource timing for {@code file://}, so
     * they are read from the document), its style sheets and images.
     */
    static List<String> fetched(Browser browser, Path site) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) browser.js("return [location.href.split('#')[0]]"
                + ".concat(Array.from(document.querySelectorAll('script[src]')).map(function (e) { return e.src; }))"
                + ".concat(Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(function (e) {"
                + " return e.href; }))"
                + ".concat(Array.from(document.images).map(function (e) { return e.currentSrc || e.src; }))");
        Path root = site.toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        for (String u : urls) {
            if (!u.startsWith("file:")) {
                continue;
            }
            Path p = Path.of(URI.create(u.split("#")[0])).normalize();
            if (p.startsWith(root)) {
                out.add(root.relativize(p).toString().replace('\\', '/'));
            }
        }
        return out;
    }

    /** Only the data files among {@link #fetched}. */
    static List<String> fetchedData(Browser browser, Path site) {
        return fetched(browser, site).stream()
                .filter(f -> f.startsWith("data/"))
                .toList();
    }

    /** Bytes of the given site files. */
    static long bytes(Path site, List<String> files) {
        long sum = 0;
        for (String f : files) {
            try {
                sum += Files.size(site.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sum;
    }
}
