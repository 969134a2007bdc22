#include "octavo/book.hpp"

#include <libdeflate.h>
#include <uuid/uuid.h>

#include <condition_variable>
#include <ctime>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>

#include "assets/cover.hpp"
#include "assets/css.hpp"
#include "assets/image.hpp"
#include "assets/loader.hpp"
#include "book/volume.hpp"
#include "container/ocf.hpp"
#include "core/language.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "package/package.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

namespace octavo {
namespace detail {
std::string_view asset(std::string_view name); // generated from assets/
}

namespace {

Status check_identifier(const Metadata& m, const std::string& source) {
    const std::string prefix = "urn:uuid:";
    if (m.identifier.rfind(prefix, 0) == 0) {
        uuid_t u;
        if (uuid_parse(m.identifier.c_str() + prefix.size(), u) != 0) {
            auto o = m.origin_of("identifier", source);
            return Error{Errc::metadata, o.file, o.line, 0,
                         "identifier '" + m.identifier + "' is not a valid urn:uuid"};
        }
    }
    return {};
}

using OpenWriter = std::function<Result<OcfWriter*>(long long mtime)>;

Status build_book(const std::vector<std::string>& sources, const ArticleLoader& load,
                  const BookOptions& options, const OpenWriter& open, const std::string& output,
                  Warnings& warnings, const std::vector<std::string>* sections = nullptr);
// Deflates documents on a worker thread, in the order given, and sets them aside in spool when
// there is one; submit() waits while more than max_queued bytes are waiting, so memory stays
// bounded when the worker falls behind. Without a thread (a single article: nothing to overlap
// with), submit() deflates at once.
class Deflater {
public:
    Deflater(size_t max_queued, bool threaded, Spool* spool) : max_(max_queued), spool_(spool) {
        if (!threaded) return;
        try {
            worker_ = std::thread([this] { run(); });
        } catch (const std::system_error&) {
            // No thread to be had (little memory left for its stack): deflate at once instead.
        }
    }
    ~Deflater() { join(); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    void submit(Deflated* out, std::string data) {
        if (!worker_.joinable()) {
            *out = deflate(data);
            if (spool_) spool_->put(*out);
            return;
        }
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [&] { return queued_ < max_ || jobs_.empty(); });
        if (failed_) std::rethrow_exception(failed_);
        queued_ += data.size();
        jobs_.push_back({out, std::move(data)});
        work_.notify_one();
    }
    /// Waits until every document submitted is deflated; throws what deflating threw (out of
    /// memory), here in the caller's thread, where it can be caught.
    void finish() {
        join();
        if (failed_) std::rethrow_exception(failed_);
    }

private:
    struct Job {
        Deflated* out;
        std::string data;
    };
    void join() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        work_.notify_one();
        if (worker_.joinable()) worker_.join();
    }
    void run() {
        for (;;) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                work_.wait(lock, [&] { return done_ || !jobs_.empty(); });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            // An exception must not leave the thread (std::terminate): kept for finish().
            std::exception_ptr failed;
            try {
                if (!failed_) {
                    *job.out = deflate(job.data);
                    if (spool_) spool_->put(*job.out); // else (a full disk) kept in memory
                }
            } catch (...) {
                failed = std::current_exception();
            }
            {
                std::lock_guard<std::mutex> lock(mutex_);
                queued_ -= job.data.size();
                if (failed && !failed_) failed_ = failed;
            }
            space_.notify_one();
        }
    }

    std::mutex mutex_;
    std::condition_variable work_, space_;
    std::deque<Job> jobs_;
    size_t queued_ = 0;
    size_t max_;
    Spool* spool_;
    bool done_ = false;
    std::exception_ptr failed_; ///< what deflating threw, if it did
    std::thread worker_;        // last: starts once the rest is ready
};

} // namespace

const char* version() {
    return OCTAVO_VERSION;
}

namespace {
ArticleLoader loader_of(const std::vector<Article>& articles) {
    return [&articles](size_t i, Warnings&) -> Result<Article> { return articles[i]; };
}
std::vector<std::string> sources_of(const std::vector<Article>& articles) {
    std::vector<std::string> sources;
    for (const auto& a : articles)
        sources.push_back(a.source);
    return sources;
}
OpenWriter file_writer(const std::string& path, std::unique_ptr<OcfWriter>& writer) {
    return [&path, &writer](long long t) -> Result<OcfWriter*> {
        auto w = OcfWriter::create(path, t);
        if (!w) return w.error();
        writer = std::move(*w);
        return writer.get();
    };
}
OpenWriter memory_writer(std::unique_ptr<OcfWriter>& writer) {
    return [&writer](long long t) -> Result<OcfWriter*> {
        auto w = OcfWriter::create_in_memory(t);
        if (!w) return w.error();
        writer = std::move(*w);
        return writer.get();
    };
}
} // namespace

Status write_book(std::vector<Article> articles, const BookOptions& options,
                  const std::string& path, Warnings& warnings) {
    return write_book(sources_of(articles), loader_of(articles), options, path, warnings);
}

Result<std::string> write_book_to_memory(std::vector<Article> articles, const BookOptions& options,
                                         Warnings& warnings) {
    std::unique_ptr<OcfWriter> writer;
    auto st = build_book(sources_of(articles), loader_of(articles), options, memory_writer(writer),
                         "", warnings);
    if (!st) return st.error;
    return writer->take_bytes();
}

Status write_book(const std::vector<std::string>& sources, const ArticleLoader& load,
                  const BookOptions& options, const std::string& path, Warnings& warnings) {
    for (const auto& source : sources)
        if (same_file(source, path))
            return Error{Errc::io, path, 0, 0, "the book would overwrite its input " + source};
    std::unique_ptr<OcfWriter> writer;
    return build_book(sources, load, options, file_writer(path, writer), path, warnings);
}

namespace {
// Where a volume's articles come from (each read with its overrides) and the options it implies.
struct VolumeSource {
    std::vector<std::string> sources;
    std::vector<std::string> sections; ///< each article's section of the contents ("": none)
    BookOptions options;
    ArticleLoader load;
};
VolumeSource volume_source(const Volume& volume, const BookOptions& options) {
    VolumeSource v;
    for (const auto& item : volume.items) {
        v.sources.push_back(item.path);
        v.sections.push_back(item.section);
    }
    v.options = options;
    // One store for both readings of each article and for its images.
    if (!v.options.remote) v.options.remote = make_remote_files(options.fetch);
    v.options.meta = volume.meta;
    v.options.meta.merge(options.meta);
    if (v.options.series.empty()) v.options.series = volume.series;
    if (v.options.series_position.empty()) v.options.series_position = volume.series_position;
    ReadOptions v_read = read_options(v.options);
    v.load = [&volume, v_read](size_t i, Warnings& w) -> Result<Article> {
        const VolumeItem& item = volume.items[i];
        auto a =
            item.article ? Result<Article>(*item.article) : read_article_file(item.path, w, v_read);
        if (a) a->meta.merge(volume.items[i].overrides);
        return a;
    };
    return v;
}
// A volume file must give the volume a title (or the caller, options.meta): say which file.
Status check_volume_title(const Volume& volume, const VolumeSource& v) {
    if (volume.file.empty() || !v.options.meta.title.empty()) return {};
    if (!v.options.volume && volume.items.size() < 2) return {};
    return Error{Errc::metadata, volume.file, 0, 0,
                 "the volume has no title: give 'title:' in the volume file, or --title"};
}
} // namespace

ReadOptions read_options(const BookOptions& options) {
    ReadOptions r;
    r.encoding = options.encoding;
    r.format_given = options.format_given;
    r.format = options.format;
    r.whole_page = options.whole_page;
    r.remote = options.remote.get();
    return r;
}

Status write_volume(const Volume& volume, const BookOptions& options, const std::string& path,
                    Warnings& warnings) {
    auto v = volume_source(volume, options);
    if (auto st = check_volume_title(volume, v); !st) return st;
    if (same_file(volume.file, path))
        return Error{Errc::io, path, 0, 0, "the book would overwrite its input " + volume.file};
    for (const auto& item : volume.items)
        if (same_file(item.feed, path))
            return Error{Errc::io, path, 0, 0, "the book would overwrite its input " + item.feed};
    for (const auto& source : v.sources)
        if (same_file(source, path))
            return Error{Errc::io, path, 0, 0, "the book would overwrite its input " + source};
    std::unique_ptr<OcfWriter> writer;
    return build_book(v.sources, v.load, v.options, file_writer(path, writer), path, warnings,
                      &v.sections);
}

Result<std::string> write_volume_to_memory(const Volume& volume, const BookOptions& options,
                                           Warnings& warnings) {
    auto v = volume_source(volume, options);
    if (auto st = check_volume_title(volume, v); !st) return st.error;
    std::unique_ptr<OcfWriter> writer;
    auto st =
        build_book(v.sources, v.load, v.options, memory_writer(writer), "", warnings, &v.sections);
    if (!st) return st.error;
    return writer->take_bytes();
}

namespace {
// The whole pipeline; open makes the container (a file or memory) once the content is planned.
// output is the book's file (empty in memory): no image is read from it.
// build_book's steps, in order (run): the user's stylesheet, the first pass (every article
// rendered to plan the book, documents kept when they need no second rendering), the plan, the
// stylesheets and the cover, then the archive, whose documents not kept are rendered again as
// it is written.
class BookBuilder {
public:
    BookBuilder(const std::vector<std::string>& sources, const ArticleLoader& load,
                const BookOptions& options, const OpenWriter& open, const std::string& output,
                Warnings& warnings, const std::vector<std::string>* sections)
        : sources_(sources), load_(load), options_(options), open_(open), output_(output),
          warnings_(warnings),
          remote_(options.remote ? options.remote : make_remote_files(options.fetch)),
          files_(output, remote_.get()), n_(sources.size()), volume_(options.volume || n_ > 1),
          planner_(sources, volume_), kept_(n_), is_kept_(n_, false) {
        if (sections && volume_) planner_.sections = *sections;
    }

    Status run();

private:
    Status check_request() const;
    Status prepare_user_css();
    Result<Article> prepare(size_t i, Warnings& w);
    Status first_pass();
    void keep(size_t i, RenderedArticle& r, Deflater& deflater);
    Result<BookPlan> plan_book();
    std::vector<std::string> add_stylesheets(BookPlan& plan);
    Status write(BookPlan& plan, std::vector<ContentDoc>& cover_docs);
    Result<std::string> part(size_t i, size_t k);
    Result<std::string> reread_image(const Resource& image) const;
    void progress(const char* phase, size_t done) const {
        if (options_.progress) options_.progress(phase, done, n_);
    }

    const std::vector<std::string>& sources_;
    const ArticleLoader& load_;
    const BookOptions& options_;
    const OpenWriter& open_;
    const std::string& output_;
    Warnings& warnings_;
    const std::shared_ptr<RemoteFiles> remote_; // what is fetched, once
    const FileLoader files_; // every file the inputs refer to: never the book's own
    const size_t n_;
    const bool volume_;
    VolumePlanner planner_;
    Stylesheet user_css_;
    size_t without_lang_ = 0; // articles of a volume that give no language (counted once)
    Metadata meta_;
    std::string first_source_;
    long long now_ = 0;
    EarlyCover early_cover_; // the drawn cover, on another core from the start
    // Documents that need no second rendering, deflated, and which articles they are.
    std::vector<std::vector<Deflated>> kept_;
    std::unique_ptr<Spool> spool_; // where they are, when the file system allows
    std::vector<bool> is_kept_;
    size_t kept_bytes_ = 0;
    // The second pass: the article whose documents are being written.
    struct Current {
        size_t article = static_cast<size_t>(-1);
        std::vector<std::string> parts;
        std::vector<bool> taken;
        std::vector<bool> warned;
    } cur_;
};

Status BookBuilder::run() {
    if (auto st = check_request(); !st) return st;
    if (options_.cover && options_.meta.cover_image.empty()) early_cover_.start();
    if (auto st = prepare_user_css(); !st) return st;
    if (auto st = first_pass(); !st) return st;
    auto planned = plan_book();
    if (!planned) return planned.error();
    BookPlan& plan = *planned;
    std::vector<std::string> stylesheets = add_stylesheets(plan);
    std::vector<ContentDoc> cover_docs;
    if (auto st = add_cover(plan, cover_docs, first_source_, options_.cover, stylesheets, output_,
                            &files_, &early_cover_);
        !st)
        return st;
    return write(plan, cover_docs);
}

Status BookBuilder::check_request() const {
    if (sources_.empty()) return Error{Errc::usage, "", 0, 0, "no articles to package"};
    if (options_.timestamp > max_timestamp)
        return Error{Errc::usage, "", 0, 0,
                     "the time " + std::to_string(options_.timestamp) +
                         " is past 9999-12-31T23:59:59Z, the last an EPUB date can give"};
    return {};
}

// The user's stylesheet is checked first: a bad one stops the run before any article.
Status BookBuilder::prepare_user_css() {
    if (options_.user_css.empty()) return {};
    auto sheet = prepare_stylesheet(
        options_.user_css, options_.user_css_file.empty() ? "--css" : options_.user_css_file,
        "css/user.css", warnings_, options_.embed_fonts, &files_);
    if (!sheet) return sheet.error();
    user_css_ = std::move(*sheet);
    return {};
}

// Article i with its metadata final: a single article's merged with the command line's, and in
// a volume the language defaulted.
Result<Article> BookBuilder::prepare(size_t i, Warnings& w) {
    auto a = load_(i, w);
    if (!a) return a;
    if (!volume_) a->meta.merge(options_.meta);
    if (volume_ && a->meta.lang.empty()) {
        // The volume's language, else English with one warning for the whole volume. The
        // volume's own check warns about its form once, and names where it was given.
        a->meta.lang = options_.meta.lang.empty() ? "en" : check_language(options_.meta.lang).tag;
        a->meta.origins.insert(a->meta.origins.begin(), options_.meta.origin_of("lang", ""));
        if (&w == &warnings_ && options_.meta.lang.empty()) ++without_lang_;
    }
    auto st = finalize_metadata(a->meta, a->source, w);
    if (!st) return st.error;
    return a;
}

// First pass: render every article to plan ids, documents, the contents and the metadata,
// keeping nothing of the rendering but that plan (and the documents keep() keeps).
Status BookBuilder::first_pass() {
    planner_.max_doc_bytes = options_.max_doc_bytes;
    planner_.base_url = options_.base_url;
    meta_ = options_.meta;
    // A volume's documents kept are set aside on disk, beside the book, rather than in memory.
    if (n_ > 1 && !output_.empty()) spool_ = Spool::create(std::string(folder_part(output_)));
    Deflater deflater(8 << 20, n_ > 1, spool_.get());
    for (size_t i = 0; i < n_; ++i) {
        auto a = prepare(i, warnings_);
        if (!a) return a.error();
        if (i == 0) first_source_ = a->source;
        if (!volume_) meta_ = a->meta;
        // One article's metadata is the book's: its cover can be drawn while it is rendered.
        if (!volume_ && meta_.cover_image.empty()) early_cover_.draw(meta_);
        bool deferred = false;
        auto ro = planner_.render_options(i, a->base_dir, false, &warnings_, &deferred);
        if (!options_.user_css.empty()) ro.user_stylesheet = "css/user.css";
        ro.output_file = output_;
        ro.assets = &files_;
        ro.fetch_images = options_.fetch_images;
        ro.resource_path = options_.resource_path;
        ro.site_root = options_.site_root;
        auto r = render_article(*a, ro, warnings_);
        if (!r) return r.error();
        if (!deferred) keep(i, *r, deflater);
        planner_.add(i, *a, *r);
        progress("reading", i + 1);
    }
    deflater.finish();
    return {};
}

// Documents that need no second rendering are kept, deflated (on a second core while the next
// articles render), up to options.keep_bytes of compressed data, which XHTML makes about a
// quarter of its size: the choice counts uncompressed bytes, so it does not depend on the
// timing of the threads.
void BookBuilder::keep(size_t i, RenderedArticle& r, Deflater& deflater) {
    if (kept_bytes_ / 4 >= options_.keep_bytes) return;
    kept_[i].resize(r.docs.size());
    for (size_t k = 0; k < r.docs.size(); ++k) {
        kept_bytes_ += r.docs[k].data.size();
        deflater.submit(&kept_[i][k], std::move(r.docs[k].data));
    }
    is_kept_[i] = true;
}

Result<BookPlan> BookBuilder::plan_book() {
    if (without_lang_ > 0)
        warnings_.push_back({Errc::metadata, "", 0, 0,
                             std::to_string(without_lang_) + " of " + std::to_string(n_) +
                                 " articles give no language; assuming 'en' for them"});
    if (auto st = check_identifier(meta_, first_source_); !st) return st.error;
    auto planned =
        planner_.finish(std::move(meta_), options_.series, options_.series_position, warnings_);
    if (!planned) return planned.error();
    BookPlan& plan = *planned;
    if (plan.meta.identifier.empty()) plan.meta.identifier = make_identifier(plan.meta);
    now_ =
        options_.timestamp >= 0 ? options_.timestamp : static_cast<long long>(std::time(nullptr));
    plan.modified = iso_utc(now_);
    return planned;
}

// octavo's stylesheet first, then the user's and the files it uses; returns their paths.
std::vector<std::string> BookBuilder::add_stylesheets(BookPlan& plan) {
    auto css = detail::asset("octavo.css");
    plan.resources.insert(plan.resources.begin(),
                          Resource{"css/octavo.css", "text/css", std::string(css), ""});
    std::vector<std::string> stylesheets{"css/octavo.css"};
    if (!options_.user_css.empty()) {
        stylesheets.push_back("css/user.css");
        user_css_.resources.insert(
            user_css_.resources.begin(),
            Resource{"css/user.css", "text/css", std::move(user_css_.text), ""});
        plan.resources.insert(plan.resources.begin() + 1,
                              std::make_move_iterator(user_css_.resources.begin()),
                              std::make_move_iterator(user_css_.resources.end()));
    }
    return stylesheets;
}

// The archive, its entries in this order: mimetype, container.xml, the package, nav and NCX,
// the resources, the cover page, the front matter, the articles' documents, then a drawn cover
// (drawn on another thread meanwhile).
Status BookBuilder::write(BookPlan& plan, std::vector<ContentDoc>& cover_docs) {
    auto writer = open_(now_);
    if (!writer) return writer.error();
    auto& w = **writer;
    const std::string dir = std::string(package_dir) + "/";
    Status st = w.add("mimetype", "application/epub+zip");
    auto add = [&](const std::string& name, std::string data) {
        if (st) st = w.add(name, std::move(data));
    };
    add("META-INF/container.xml", make_container_xml());
    add(dir + "package.opf", make_opf(plan));
    add(dir + "nav.xhtml", make_nav(plan));
    add(dir + "toc.ncx", make_ncx(plan));
    std::vector<Resource*> produced; // written last: made meanwhile
    for (auto& r : plan.resources) {
        if (r.produce)
            produced.push_back(&r);
        else if (r.reference.empty() || !r.data.empty())
            add(dir + r.path, std::move(r.data));
        else if (st) // an image a volume let go (no image is empty): read when libzip writes it
            st = w.add_lazy(dir + r.path, [this, &r] { return reread_image(r); });
    }
    for (auto& d : cover_docs)
        add(dir + d.path, std::move(d.data));
    for (const auto& d : planner_.front_matter())
        add(dir + d.path, d.data);
    if (!st) return st;
    // Second pass, inside commit(): libzip asks for each document when it writes it; an article
    // not kept is rendered again then (part), and its documents are released as soon as they
    // are written.
    cur_.warned.assign(n_, false);
    for (size_t i = 0; i < n_ && st; ++i) {
        const auto& docs = planner_.article(i).docs;
        for (size_t k = 0; k < docs.size() && st; ++k)
            st = is_kept_[i] ? w.add_deflated(dir + docs[k], std::move(kept_[i][k]), spool_.get())
                             : w.add_lazy(dir + docs[k], [this, i, k] { return part(i, k); });
    }
    for (Resource* r : produced)
        if (st) st = w.add_lazy(dir + r->path, r->produce);
    if (!st) return st;
    return w.commit();
}

// Document k of article i, rendered again (with every link resolvable) when it is not in cur_.
Result<std::string> BookBuilder::part(size_t i, size_t k) {
    if (cur_.article != i || cur_.taken[k]) {
        // The nav, the NCX, the manifest and the images are written from the first pass: an
        // article that changed since cannot be written (a heading renamed, an image added
        // would leave links into nothing). The text must be the one planned from, and the
        // rendering must agree with the plan (images are read again, and one may have
        // changed type; one changed otherwise is packed as first read, which fits).
        auto changed = [&](const std::string& source, const char* what) {
            return Error{Errc::content, source, 0, 0,
                         std::string("changed while the book was written") + what +
                             "; nothing was written"};
        };
        Warnings scratch;
        auto a = prepare(i, scratch);
        if (!a) return a.error();
        if (a->fingerprint != planner_.article(i).fingerprint) return changed(a->source, "");
        Warnings ignored;
        auto ro =
            planner_.render_options(i, a->base_dir, true, cur_.warned[i] ? &ignored : &warnings_);
        if (!options_.user_css.empty()) ro.user_stylesheet = "css/user.css";
        ro.output_file = output_;
        ro.assets = &files_;
        ro.fetch_images = options_.fetch_images;
        ro.resource_path = options_.resource_path;
        ro.site_root = options_.site_root;
        auto r = render_article(*a, ro, scratch);
        if (!r) return r.error();
        cur_.warned[i] = true;
        if (!planner_.agrees(i, *r))
            return changed(a->source, " (the article, or an image it uses)");
        cur_.parts.clear();
        for (auto& d : r->docs)
            cur_.parts.push_back(std::move(d.data));
        cur_.taken.assign(cur_.parts.size(), false);
        cur_.article = i;
        progress("writing", i + 1);
    }
    cur_.taken[k] = true;
    return std::move(cur_.parts[k]);
}

// A volume's image, read again to be packed, through the same loader (so under the same path
// policy). Bytes with the SHA-256 of those checked are packed as they are; any others (an SVG
// whose DOCTYPE was dropped, or no digest) are prepared and checked again, so that what is packed
// is what was checked whatever happened to the file in between, and must then match the CRC-32
// (which tells a change, not a forgery: the checks keep that out).
Result<std::string> BookBuilder::reread_image(const Resource& image) const {
    LoadedFile file = files_.load(image.reference, image.base_dir, Reach::inside);
    if (file.problem == LoadedFile::none) {
        if (image.digest && image_digest(file.data) == image.digest) return std::move(file.data);
        BookImage img = prepare_image(std::move(file.data));
        Fingerprint now{img.data.size(), libdeflate_crc32(0, img.data.data(), img.data.size())};
        if (img.problem.empty() && img.media_type == image.media_type && now == image.fingerprint)
            return std::move(img.data);
    }
    return Error{Errc::content,
                 image.base_dir.empty() ? image.reference : image.base_dir + "/" + image.reference,
                 0, 0, "changed while the book was written; nothing was written"};
}

Status build_book(const std::vector<std::string>& sources, const ArticleLoader& load,
                  const BookOptions& options, const OpenWriter& open, const std::string& output,
                  Warnings& warnings, const std::vector<std::string>* sections) {
    return BookBuilder(sources, load, options, open, output, warnings, sections).run();
}

} // namespace

std::string book_file_name(const std::string& title) {
    constexpr size_t max_length = 80;
    std::string name, word;
    auto flush = [&] {
        if (word.empty()) return;
        if (name.size() + 1 + word.size() <= max_length)
            name += (name.empty() ? "" : "-") + word;
        else if (name.empty())
            name = word.substr(0, max_length);
        word.clear();
    };
    for (size_t i = 0; i < title.size(); ++i) {
        char c = title[i];
        if (title.compare(i, 3, "\xE2\x80\x99") == 0) { // a typographic apostrophe
            i += 2;
            continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            word += c;
        else if (c >= 'A' && c <= 'Z')
            word += static_cast<char>(c - 'A' + 'a');
        else if (c != '\'' && c != '.') // "Iran's" -> "irans", "U.S." -> "us"
            flush();
    }
    flush();
    return name.empty() ? name : name + ".epub";
}

} // namespace octavo
