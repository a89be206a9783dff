// zip_io.cpp — minizip over an in-memory buffer; see zip_io.hpp.
#include "nianbao/zip_io.hpp"
#include <cstring>
#include <minizip/unzip.h>
#include <minizip/zip.h>

namespace nb {

namespace {

// a byte buffer as minizip's "file": reading from `in`, or writing into `out`
struct MemFile {
    std::string_view in;
    std::string* out = nullptr;
    ZPOS64_T pos = 0;
};

voidpf memOpen(voidpf opaque, const void*, int) { return opaque; }
uLong memRead(voidpf, voidpf stream, void* buf, uLong size) {
    MemFile& f = *static_cast<MemFile*>(stream);
    std::string_view src = f.out ? std::string_view(*f.out) : f.in;
    if (f.pos >= src.size()) return 0;
    uLong n = static_cast<uLong>(std::min<ZPOS64_T>(size, src.size() - f.pos));
    std::memcpy(buf, src.data() + f.pos, n);
    f.pos += n;
    return n;
}
uLong memWrite(voidpf, voidpf stream, const void* buf, uLong size) {
    MemFile& f = *static_cast<MemFile*>(stream);
    if (!f.out) return 0;
    if (f.pos > f.out->size()) f.out->resize(static_cast<std::size_t>(f.pos));
    std::size_t at = static_cast<std::size_t>(f.pos);
    if (at + size > f.out->size()) f.out->resize(at + size);
    std::memcpy(&(*f.out)[at], buf, size);
    f.pos += size;
    return size;
}
ZPOS64_T memTell(voidpf, voidpf stream) { return static_cast<MemFile*>(stream)->pos; }
long memSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    MemFile& f = *static_cast<MemFile*>(stream);
    ZPOS64_T size = f.out ? f.out->size() : f.in.size();
    ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? f.pos : size;
    f.pos = base + offset;
    return 0;
}
int memClose(voidpf, voidpf) { return 0; }
int memError(voidpf, voidpf) { return 0; }

zlib_filefunc64_def memFuncs(MemFile& f) {
    zlib_filefunc64_def d{};
    d.zopen64_file = memOpen;
    d.zread_file = memRead;
    d.zwrite_file = memWrite;
    d.ztell64_file = memTell;
    d.zseek64_file = memSeek;
    d.zclose_file = memClose;
    d.zerror_file = memError;
    d.opaque = &f;
    return d;
}

} // namespace

std::string zipFiles(const std::vector<ZipEntry>& files) {
    std::string out;
    MemFile f;
    f.out = &out;
    zlib_filefunc64_def d = memFuncs(f);
    zipFile z = zipOpen2_64("mem", APPEND_STATUS_CREATE, nullptr, &d);
    if (!z) return {};
    for (const ZipEntry& e : files) {
        zip_fileinfo info{};
        info.tmz_date.tm_year = 1980;   // fixed: the same report gives the same bytes
        info.tmz_date.tm_mday = 1;
        if (zipOpenNewFileInZip(z, e.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6) != ZIP_OK ||
            zipWriteInFileInZip(z, e.data.data(), static_cast<unsigned>(e.data.size())) != ZIP_OK ||
            zipCloseFileInZip(z) != ZIP_OK) {
            zipClose(z, nullptr);
            return {};
        }
    }
    zipClose(z, nullptr);
    return out;
}

bool looksLikeZip(std::string_view b) { return b.size() >= 4 && b.compare(0, 4, std::string_view("PK\x03\x04", 4)) == 0; }

std::optional<std::vector<ZipEntry>> unzipFiles(std::string_view bytes, std::string& error, std::size_t maxTotal) {
    MemFile f;
    f.in = bytes;
    zlib_filefunc64_def d = memFuncs(f);
    unzFile u = unzOpen2_64("mem", &d);
    if (!u) { error = "不是 zip 压缩文件（.docx 即 zip），或文件已损坏"; return std::nullopt; }
    std::vector<ZipEntry> out;
    std::size_t total = 0;
    int rc = unzGoToFirstFile(u);
    while (rc == UNZ_OK) {
        unz_file_info64 info{};
        char name[1024];
        if (unzGetCurrentFileInfo64(u, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK ||
            unzOpenCurrentFile(u) != UNZ_OK) { error = "压缩文件中的条目已损坏"; unzClose(u); return std::nullopt; }
        ZipEntry e;
        e.name = name;
        char buf[65536];
        int n;
        while ((n = unzReadCurrentFile(u, buf, sizeof buf)) > 0) {
            total += static_cast<std::size_t>(n);
            if (total > maxTotal) { error = "压缩文件解开后过大，不是年报文件"; unzCloseCurrentFile(u); unzClose(u); return std::nullopt; }
            e.data.append(buf, static_cast<std::size_t>(n));
        }
        if (n < 0 || unzCloseCurrentFile(u) != UNZ_OK) { error = "压缩文件“" + e.name + "”已损坏（校验失败）"; unzClose(u); return std::nullopt; }
        out.push_back(std::move(e));
        rc = unzGoToNextFile(u);
    }
    unzClose(u);
    if (rc != UNZ_END_OF_LIST_OF_FILE) { error = "压缩文件目录已损坏"; return std::nullopt; }
    return out;
}

} // namespace nb
