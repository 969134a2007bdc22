#include <catch2/catch.hpp>
#include <zip.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <new>
#include <set>
#include <sstream>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "container/ocf.hpp"
#include "container/output.hpp"

using namespace octavo;

namespace {
std::string temp_path(const char* name) {
    return std::string(P_tmpdir) + "/octavo-test-" + std::to_string(getpid()) + "-" + name;
}
std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
// A fresh folder, so that a temporary file left behind shows.
std::string temp_dir() {
    std::string t = std::string(P_tmpdir) + "/octavo-ocf-XXXXXX";
    REQUIRE(mkdtemp(&t[0]));
    return t;
}
std::set<std::string> list(const std::string& dir) {
    std::set<std::string> names;
    DIR* d = opendir(dir.c_str());
    REQUIRE(d);
    while (dirent* e = readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..")
            names.insert(e->d_name);
    closedir(d);
    return names;
}
void remove_dir(const std::string& dir) {
    for (const auto& n : list(dir))
        std::remove((dir + "/" + n).c_str());
    rmdir(dir.c_str());
}
// Bytes deflate cannot shrink: a stored-size entry larger than a small write buffer.
std::string noise(size_t n, unsigned seed) {
    std::string s(n, '\0');
    for (auto& c : s) {
        seed = seed * 1103515245u + 12345u;
        c = static_cast<char>(seed >> 16);
    }
    return s;
}
mode_t mode_of(const std::string& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}
} // namespace

TEST_CASE("the container starts with a stored mimetype and stamps fixed times", "[ocf]") {
    std::string path = temp_path("a.epub");
    {
        auto w = OcfWriter::create(path, 1558396800);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->add("EPUB/a.txt", std::string(1000, 'x')));
        REQUIRE((*w)->commit());
    }
    std::string bytes = slurp(path);
    REQUIRE(bytes.size() > 58);
    CHECK(bytes.compare(0, 4, "PK\x03\x04") == 0);
    CHECK(bytes[8] == 0);  // method: stored
    CHECK(bytes[28] == 0); // no extra field
    CHECK(bytes.compare(30, 8, "mimetype") == 0);
    CHECK(bytes.compare(38, 20, "application/epub+zip") == 0);

    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    REQUIRE(z);
    zip_stat_t st;
    REQUIRE(zip_stat_index(z, 1, 0, &st) == 0);
    CHECK(st.comp_method == ZIP_CM_DEFLATE);
    CHECK(st.size == 1000);
    zip_close(z);
    std::remove(path.c_str());
}

TEST_CASE("entry times outside the DOS range are clamped to 1980 or 2107, never wrapped", "[ocf]") {
    // The DOS time and date of the first local header (offsets 10 and 12, little-endian).
    auto stamp = [](long long t) {
        auto w = OcfWriter::create_in_memory(t);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->commit());
        std::string b = (*w)->take_bytes();
        auto u16 = [&](size_t k) {
            return static_cast<unsigned>(static_cast<unsigned char>(b[k]) |
                                         static_cast<unsigned char>(b[k + 1]) << 8);
        };
        return std::make_pair(u16(10), u16(12));
    };
    auto dos = [](int y, int mo, int d, int h, int mi, int s) {
        return std::make_pair(static_cast<unsigned>(h << 11 | mi << 5 | s / 2),
                              static_cast<unsigned>((y - 1980) << 9 | mo << 5 | d));
    };
    CHECK(stamp(1558396800) == dos(2019, 5, 21, 0, 0, 0));
    CHECK(stamp(0) == dos(1980, 1, 1, 0, 0, 0));
    CHECK(stamp(315532799) == dos(1980, 1, 1, 0, 0, 0)); // 1979-12-31T23:59:59Z
    CHECK(stamp(4354819198) == dos(2107, 12, 31, 23, 59, 58));
    for (long long late : {4354819200LL, 253402300799LL, 99999999999999LL, 0x7fffffffffffffffLL})
        CHECK(stamp(late) == dos(2107, 12, 31, 23, 59, 58));
}

TEST_CASE("nothing reaches the target until commit, and a discarded book leaves the old file",
          "[ocf]") {
    std::string path = temp_path("keep.epub");
    { std::ofstream(path) << "old book"; }
    {
        auto w = OcfWriter::create(path, 0);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        // destroyed without commit
    }
    CHECK(slurp(path) == "old book");
    std::remove(path.c_str());
}

TEST_CASE("a failed commit reports an error and writes nothing", "[ocf]") {
    char dir_template[] = "/tmp/octavo-ocf-XXXXXX";
    REQUIRE(mkdtemp(dir_template));
    const std::string dir = dir_template, path = dir + "/x.epub";
    auto w = OcfWriter::create(path, 0);
    REQUIRE(w);
    REQUIRE((*w)->add("mimetype", "application/epub+zip"));
    REQUIRE(rmdir(dir.c_str()) == 0); // the folder disappears before the commit
    auto st = (*w)->commit();
    REQUIRE_FALSE(st);
    CHECK(st.error.code == Errc::archive);
    CHECK(st.error.file == path);
    // octavo's words, not libzip's ("Failure to create temporary file: ...")
    CHECK(st.error.message == "cannot write the book: the folder " + dir + "/ does not exist");
}

TEST_CASE("a book cannot be started in a current folder that was deleted", "[ocf]") {
    char here[PATH_MAX];
    REQUIRE(getcwd(here, sizeof here));
    const std::string dir = temp_dir();
    REQUIRE(chdir(dir.c_str()) == 0);
    REQUIRE(rmdir(dir.c_str()) == 0); // as a shell standing in a folder another one removed
    auto bare = OcfWriter::create("x.epub", 0);
    auto dotted = OcfWriter::create("./x.epub", 0);
    REQUIRE(chdir(here) == 0);
    REQUIRE_FALSE(bare);
    CHECK(bare.error().message ==
          "cannot write the book: the current folder does not exist (it was deleted)");
    REQUIRE_FALSE(dotted);
    CHECK(dotted.error().message == bare.error().message);
}

TEST_CASE("a book cannot be started in a folder that does not exist", "[ocf]") {
    auto w = OcfWriter::create("/nonexistent-dir/x.epub", 0);
    REQUIRE_FALSE(w);
    CHECK(w.error().code == Errc::io);
    CHECK(w.error().message.find("does not exist") != std::string::npos);
}

TEST_CASE("an in-memory container holds the same bytes as a file", "[ocf]") {
    auto write = [](OcfWriter& w) {
        REQUIRE(w.add("mimetype", "application/epub+zip"));
        REQUIRE(w.add("EPUB/a.txt", std::string(5000, 'y')));
        REQUIRE(w.commit());
    };
    std::string path = temp_path("mem.epub");
    auto f = OcfWriter::create(path, 1558396800);
    REQUIRE(f);
    write(**f);
    CHECK((*f)->take_bytes().empty());
    auto m = OcfWriter::create_in_memory(1558396800);
    REQUIRE(m);
    write(**m);
    std::string bytes = (*m)->take_bytes();
    CHECK(bytes.size() > 100);
    CHECK(bytes == slurp(path));
    std::remove(path.c_str());
}

TEST_CASE("entries larger than the write buffer: local headers rewritten in the file or the buffer",
          "[ocf]") {
    // libzip seeks back to rewrite each entry's local header once the entry is written: with a
    // small buffer the header is already in the file (pwrite), with a large one still buffered.
    const std::string text = [] {
        std::string t;
        for (int i = 0; i < 3000; ++i)
            t += "<p>Paragraph " + std::to_string(i) + ".</p>\n";
        return t;
    }();
    auto write = [&](OcfWriter& w) {
        REQUIRE(w.add("mimetype", "application/epub+zip"));
        REQUIRE(w.add("EPUB/noise.bin", noise(20000, 1)));
        REQUIRE(w.add("EPUB/text.xhtml", text));
        REQUIRE(w.add_deflated("EPUB/kept.xhtml", deflate(text + "kept")));
        REQUIRE(w.add_lazy("EPUB/lazy.bin", [] { return Result<std::string>(noise(9000, 2)); }));
        REQUIRE(w.commit());
    };
    auto m = OcfWriter::create_in_memory(1558396800);
    REQUIRE(m);
    write(**m);
    const std::string expected = (*m)->take_bytes();
    REQUIRE(expected.size() > 30000);

    const std::string dir = temp_dir(), path = dir + "/big.epub";
    for (size_t buffer : {size_t(1), size_t(7), size_t(100), size_t(4096), size_t(256 * 1024)}) {
        INFO("buffer of " << buffer << " bytes");
        auto f = OcfWriter::create(path, 1558396800, buffer);
        REQUIRE(f);
        write(**f);
        CHECK(slurp(path) == expected);
        CHECK(list(dir) == std::set<std::string>{"big.epub"});

        int err = 0;
        zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
        REQUIRE(z);
        zip_file_t* zf = zip_fopen(z, "EPUB/noise.bin", 0);
        REQUIRE(zf);
        std::string back(20000, '\0');
        CHECK(zip_fread(zf, &back[0], back.size()) == 20000);
        CHECK(back == noise(20000, 1));
        zip_fclose(zf);
        zip_close(z);
    }
    remove_dir(dir);
}

TEST_CASE("a failed commit leaves the earlier book byte for byte and no temporary file", "[ocf]") {
    const std::string dir = temp_dir(), path = dir + "/book.epub";
    const std::string earlier = "an earlier book\n";
    { std::ofstream(path) << earlier; }
    auto start = [&] {
        auto w = OcfWriter::create(path, 0, 100); // a small buffer: the file has bytes already
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->add("EPUB/noise.bin", noise(5000, 3)));
        return std::move(*w);
    };

    SECTION("a lazy entry fails") {
        auto w = start();
        REQUIRE(w->add_lazy("EPUB/b.txt", []() -> Result<std::string> {
            return Error{Errc::content, "b.md", 3, 0, "cannot render"};
        }));
        auto st = w->commit();
        REQUIRE_FALSE(st);
        CHECK(st.error.file == "b.md");
        CHECK(st.error.message == "cannot render");
    }
    SECTION("the disk is full (a file size limit: EFBIG, as ENOSPC)") {
        auto w = start();
        rlimit old{};
        REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
        auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = old;
        small.rlim_cur = 2000;
        REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
        auto st = w->commit();
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, old_handler);
        REQUIRE_FALSE(st);
        CHECK(st.error.code == Errc::archive);
        CHECK(st.error.file == path);
        CHECK(st.error.message == "cannot write the book");
        CHECK(st.error.sys_errno == EFBIG);
        CHECK(st.error.describe() == path + ": cannot write the book: File too large");
    }
    SECTION("the book cannot be renamed into place") {
        auto w = start();
        REQUIRE(std::remove(path.c_str()) == 0);
        REQUIRE(mkdir(path.c_str(), 0755) == 0); // a folder, not empty, took the book's place
        { std::ofstream(path + "/x") << "x"; }
        auto st = w->commit();
        REQUIRE_FALSE(st);
        CHECK(st.error.code == Errc::archive);
        CHECK(st.error.message ==
              "cannot write the book: cannot rename the finished book into place");
        CHECK(st.error.sys_errno == EISDIR);
        CHECK(st.error.describe() ==
              path + ": cannot write the book: cannot rename the finished book into place: Is a "
                     "directory");
        CHECK(list(dir) == std::set<std::string>{"book.epub"});
        std::remove((path + "/x").c_str());
        rmdir(path.c_str());
        { std::ofstream(path) << earlier; }
    }
    CHECK(slurp(path) == earlier);
    CHECK(list(dir) == std::set<std::string>{"book.epub"});
    remove_dir(dir);
}

TEST_CASE("a book destroyed without commit leaves nothing behind", "[ocf]") {
    const std::string dir = temp_dir();
    {
        auto w = OcfWriter::create(dir + "/new.epub", 0, 100);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->add("EPUB/noise.bin", noise(5000, 4)));
    }
    CHECK(list(dir).empty());
    remove_dir(dir);
}

TEST_CASE("a new book's mode honours the umask, a replaced book keeps its mode but no special bit",
          "[ocf]") {
    const std::string dir = temp_dir(), path = dir + "/m.epub";
    auto write = [&] {
        auto w = OcfWriter::create(path, 0);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->commit());
    };
    mode_t old = umask(027);
    write();
    umask(old);
    CHECK(mode_of(path) == 0640);

    REQUIRE(chmod(path.c_str(), 0604) == 0);
    write();
    CHECK(mode_of(path) == 0604);
    // Never a setuid, setgid or sticky bit: they were copied (a book of mode 6755 became
    // -rwsr-sr-x).
    REQUIRE(chmod(path.c_str(), 07755) == 0);
    write();
    CHECK(mode_of(path) == 0755);
    CHECK(list(dir) == std::set<std::string>{"m.epub"});
    remove_dir(dir);
}

TEST_CASE("a replaced book keeps its owner and group when root writes it", "[ocf]") {
    if (geteuid() != 0) return; // only root may give a file away
    const std::string dir = temp_dir(), path = dir + "/o.epub";
    { std::ofstream(path) << "a user's book"; }
    REQUIRE(chown(path.c_str(), 65534, 65533) == 0);
    REQUIRE(chmod(path.c_str(), 0640) == 0);
    auto w = OcfWriter::create(path, 0);
    REQUIRE(w);
    REQUIRE((*w)->add("mimetype", "application/epub+zip"));
    REQUIRE((*w)->commit());
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK(st.st_uid == 65534); // it became root's
    CHECK(st.st_gid == 65533);
    CHECK((st.st_mode & 07777) == 0640);
    CHECK(slurp(path).compare(0, 4, "PK\x03\x04") == 0);
    CHECK(list(dir) == std::set<std::string>{"o.epub"});
    remove_dir(dir);
}

TEST_CASE("a book written through a symbolic link replaces the file it points to", "[ocf]") {
    const std::string dir = temp_dir();
    auto write = [&](const std::string& path) {
        auto w = OcfWriter::create(path, 0);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->commit());
    };
    auto is_link = [](const std::string& p) {
        struct stat st {};
        return ::lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
    };
    REQUIRE(mkdir((dir + "/sub").c_str(), 0755) == 0);
    { std::ofstream(dir + "/sub/target.epub") << "the real target"; }
    SECTION("a link to a file, relative to the link's folder, through a chain of two") {
        REQUIRE(symlink("sub/target.epub", (dir + "/inner.epub").c_str()) == 0);
        REQUIRE(symlink("inner.epub", (dir + "/link.epub").c_str()) == 0);
        write(dir + "/link.epub");
        CHECK(is_link(dir + "/link.epub"));
        CHECK(is_link(dir + "/inner.epub"));
        CHECK(slurp(dir + "/sub/target.epub").compare(0, 4, "PK\x03\x04") == 0);
        CHECK(list(dir) == std::set<std::string>{"inner.epub", "link.epub", "sub"});
        CHECK(list(dir + "/sub") == std::set<std::string>{"target.epub"});
    }
    SECTION("a dangling link: the file it names is made") {
        REQUIRE(symlink((dir + "/sub/new.epub").c_str(), (dir + "/link.epub").c_str()) == 0);
        write(dir + "/link.epub");
        CHECK(is_link(dir + "/link.epub"));
        CHECK(slurp(dir + "/sub/new.epub").compare(0, 4, "PK\x03\x04") == 0);
        CHECK(slurp(dir + "/sub/target.epub") == "the real target");
        std::remove((dir + "/sub/new.epub").c_str());
    }
    SECTION("a link to a device or a loop is refused, and nothing is renamed over the device") {
        REQUIRE(symlink("/dev/null", (dir + "/link.epub").c_str()) == 0);
        auto w = OcfWriter::create(dir + "/link.epub", 0);
        REQUIRE_FALSE(w);
        CHECK(w.error().file == dir + "/link.epub");
        CHECK(w.error().message == "cannot write the book: not a regular file");
        struct stat st {};
        REQUIRE(::stat("/dev/null", &st) == 0);
        CHECK(S_ISCHR(st.st_mode));
        REQUIRE(symlink("loop2.epub", (dir + "/loop1.epub").c_str()) == 0);
        REQUIRE(symlink("loop1.epub", (dir + "/loop2.epub").c_str()) == 0);
        auto loop = OcfWriter::create(dir + "/loop1.epub", 0);
        REQUIRE_FALSE(loop);
        CHECK(loop.error().message.find("more than 40 symbolic links") != std::string::npos);
        std::remove((dir + "/loop1.epub").c_str());
        std::remove((dir + "/loop2.epub").c_str());
    }
    std::remove((dir + "/sub/target.epub").c_str());
    rmdir((dir + "/sub").c_str());
    remove_dir(dir);
}

TEST_CASE("resolve_output tells a file from a stream and a directory", "[ocf]") {
    using Kind = OutputTarget::Kind;
    const std::string dir = temp_dir();
    auto kind = [](const std::string& p) {
        auto t = resolve_output(p);
        REQUIRE(t);
        return t->kind;
    };
    CHECK(kind(dir + "/new.epub") == Kind::file);
    CHECK(resolve_output(dir + "/new.epub")->path == dir + "/new.epub");
    CHECK(kind(dir) == Kind::directory);
    CHECK(kind("/dev/null") == Kind::stream);
    // /dev/stdout and /dev/fd/N lead to a descriptor's link in /proc: never followed, whatever
    // the descriptor is open on (here a regular file).
    int fd = ::open((dir + "/out").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    for (const std::string& p :
         {"/proc/self/fd/" + std::to_string(fd), "/dev/fd/" + std::to_string(fd)}) {
        auto t = resolve_output(p);
        REQUIRE(t);
        CHECK(t->kind == Kind::stream);
        CHECK(t->path == p);
    }
    ::close(fd);
    REQUIRE(symlink(dir.c_str(), (dir + "/to-dir").c_str()) == 0);
    CHECK(kind(dir + "/to-dir") == Kind::directory);
    REQUIRE(symlink("out", (dir + "/to-out").c_str()) == 0);
    CHECK(resolve_output(dir + "/to-out")->path == dir + "/out");
    std::remove((dir + "/to-dir").c_str());
    std::remove((dir + "/to-out").c_str());
    remove_dir(dir);
}

namespace {
void remove_on_signal(int) {
    remove_temporary_files();
}
} // namespace

TEST_CASE("remove_temporary_files removes the book being written, which then fails cleanly",
          "[ocf]") {
    const std::string dir = temp_dir(), path = dir + "/book.epub";
    { std::ofstream(path) << "an earlier book\n"; }
    auto w = OcfWriter::create(path, 0, 100);
    REQUIRE(w);
    REQUIRE((*w)->add("mimetype", "application/epub+zip"));
    REQUIRE((*w)->add("EPUB/noise.bin", noise(5000, 5)));
    size_t seen = 0;
    // Called inside commit(), while the temporary file exists and holds bytes: what a signal
    // handler would do at that moment.
    REQUIRE((*w)->add_lazy("EPUB/late.txt", [&]() -> Result<std::string> {
        seen = list(dir).size();
        remove_temporary_files();
        return std::string("late");
    }));
    auto st = (*w)->commit();
    CHECK(seen == 2); // the earlier book and the temporary file
    REQUIRE_FALSE(st);
    CHECK(st.error.file == path);
    CHECK(slurp(path) == "an earlier book\n");
    CHECK(list(dir) == std::set<std::string>{"book.epub"});
    remove_dir(dir);
}

TEST_CASE("temporary files are registered while they exist, and only then", "[ocf]") {
    const std::string dir = temp_dir();
    SECTION("made new, private, and removed by a signal handler") {
        TemporaryFile t;
        REQUIRE(t.create(dir + "/x.", ".epub"));
        const std::string name = t.path().substr(dir.size() + 1);
        CHECK(name.size() == std::string("x.XXXXXX.epub").size());
        CHECK(name.compare(0, 2, "x.") == 0);
        CHECK(name.compare(8, 5, ".epub") == 0);
        CHECK(mode_of(t.path()) == 0600);
        CHECK((fcntl(t.fd(), F_GETFD) & FD_CLOEXEC) != 0);
        TemporaryFile moved = std::move(t); // the registration goes with it
        CHECK(t.path().empty());
        auto old = std::signal(SIGUSR1, remove_on_signal);
        std::raise(SIGUSR1);
        std::signal(SIGUSR1, old);
        CHECK(list(dir).empty());
    }
    SECTION("renamed into place or removed: forgotten") {
        TemporaryFile a, b;
        REQUIRE(a.create(dir + "/a."));
        REQUIRE(b.create(dir + "/b."));
        const std::string a_name = a.path(), b_name = b.path();
        REQUIRE(a.rename_to(dir + "/kept"));
        b.remove();
        CHECK(a.path().empty());
        // Files of the same names made since are not octavo's: they stay.
        { std::ofstream(a_name) << "someone else's"; }
        { std::ofstream(b_name) << "someone else's"; }
        remove_temporary_files();
        CHECK(list(dir).size() == 3);
        std::remove(a_name.c_str());
        std::remove(b_name.c_str());
        std::remove((dir + "/kept").c_str());
    }
    SECTION("past max_registered, files are made but not registered") {
        std::vector<TemporaryFile> files(TemporaryFile::max_registered + 4);
        for (auto& f : files)
            REQUIRE(f.create(dir + "/n."));
        CHECK(list(dir).size() == files.size());
        remove_temporary_files();
        CHECK(list(dir).size() == 4);
    }
    SECTION("a folder that does not exist: false with errno") {
        TemporaryFile t;
        CHECK_FALSE(t.create(dir + "/missing/x."));
        CHECK(errno == ENOENT);
        CHECK(t.path().empty());
    }
    CHECK(list(dir).empty());
    remove_dir(dir);
}

TEST_CASE("the temporary file beside a book of a long name fits NAME_MAX, in the book's folder",
          "[ocf]") {
    const std::string dir = temp_dir();
    auto beside = [&](const std::string& name) {
        TemporaryFile t;
        REQUIRE(t.create_beside(dir + "/" + name));
        REQUIRE(t.path().compare(0, dir.size() + 1, dir + "/") == 0);
        std::string made = t.path().substr(dir.size() + 1);
        CHECK(made.size() <= NAME_MAX);
        CHECK(list(dir) == std::set<std::string>{made});
        remove_temporary_files(); // still registered: a signal handler finds it
        CHECK(list(dir).empty());
        return made.substr(0, made.size() - 6); // without the six random letters
    };
    CHECK(beside("book.epub") == "book.epub.");
    const std::string x248(248, 'x');
    CHECK(beside(x248 + ".epub").size() == 248 + 1);
    CHECK(beside(x248 + ".epub") == std::string(243, 'x') + ".epub.");
    CHECK(beside(std::string(250, 'y') + ".epub") == std::string(243, 'y') + ".epub.");
    CHECK(beside(std::string(255, 'z')) == std::string(248, 'z') + ".");
    // 125 two-byte characters and ".epub": 255 bytes, cut at a character's start.
    std::string e;
    for (int i = 0; i < 125; ++i)
        e += "\xc3\xa9";
    CHECK(beside(e + ".epub") == e.substr(0, 242) + ".epub.");
    // A long extension is cut as the rest of the name.
    CHECK(beside("b." + std::string(253, 'w')) == "b." + std::string(246, 'w') + ".");
    remove_dir(dir);
}

TEST_CASE("a book of a 255-byte name is written; a longer name is refused at once", "[ocf]") {
    const std::string dir = temp_dir();
    const std::string name = std::string(250, 'n') + ".epub", path = dir + "/" + name;
    { std::ofstream(path) << "an earlier book\n"; }
    auto w = OcfWriter::create(path, 0, 100);
    REQUIRE(w);
    REQUIRE((*w)->add("mimetype", "application/epub+zip"));
    REQUIRE((*w)->add("EPUB/noise.bin", noise(5000, 6)));
    REQUIRE((*w)->commit());
    CHECK(slurp(path).compare(0, 4, "PK\x03\x04") == 0);
    CHECK(list(dir) == std::set<std::string>{name});
    auto longer = OcfWriter::create(dir + "/n" + name, 0);
    REQUIRE_FALSE(longer);
    CHECK(longer.error().message ==
          "cannot write the book: its name is 256 bytes long, and a file name has at most 255");
    remove_dir(dir);
}

TEST_CASE("an exception in a lazy entry never crosses libzip: an Error, nothing left", "[ocf]") {
    const std::string dir = temp_dir(), path = dir + "/book.epub";
    auto w = OcfWriter::create(path, 0, 100);
    REQUIRE(w);
    REQUIRE((*w)->add("mimetype", "application/epub+zip"));
    REQUIRE((*w)->add_lazy("EPUB/a.txt", []() -> Result<std::string> { throw std::bad_alloc(); }));
    auto st = (*w)->commit();
    REQUIRE_FALSE(st);
    CHECK(st.error.message == "out of memory");
    CHECK(list(dir).empty());
    remove_dir(dir);
}
