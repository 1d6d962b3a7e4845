package org.joulebench.site;

import java.util.List;

/** What the script-driven pages need from Java: their scripts and the citation line. */
public record PageInfo(List<String> scripts, String citation) {}
