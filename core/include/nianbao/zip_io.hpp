// zip_io.hpp — zip archives in memory (a .docx is one): written deflated and deterministic (fixed
// timestamps, files in the order given), read with size limits. zlib's minizip does the work (Debian's
// libminizip natively; zlib's own contrib/minizip sources for the browser build): no hand-written codec.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb {

struct ZipEntry {
    std::string name;            // "word/document.xml"
    std::string data;
};

/// A zip of `files`, each deflated (level 6), dated 1980-01-01: the same files give the same bytes.
std::string zipFiles(const std::vector<ZipEntry>& files);
/// True when the bytes start like a zip archive ("PK\3\4").
bool looksLikeZip(std::string_view bytes);
/// Every file of a zip; nullopt and `error` (Chinese) when it is not one, is damaged, or unpacks to
/// more than `maxTotal` bytes (a zip bomb).
std::optional<std::vector<ZipEntry>> unzipFiles(std::string_view bytes, std::string& error,
                                                std::size_t maxTotal = 256u * 1024 * 1024);

} // namespace nb
