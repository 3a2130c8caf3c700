// Where output goes (waymark/output.hpp): a private file that appears, whole, only on commit().
#include "waymark/output.hpp"

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "helpers.hpp"

namespace {

using Catch::Matchers::Contains;
using waymark::ErrorKind;

// Permission bits of `path`.
unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777U;
}

TEST_CASE("Output to a file creates it with mode 0600 on commit", "[output]") {
  test::TempDir dir;
  const auto path = dir / "report.csv";
  {
    waymark::Output out(path.string());
    CHECK_FALSE(out.is_stdout());
    CHECK(out.name() == path.string());
    out.write("hello\n");
    out.print("{} + {} = {}\n", 1, 2, 3);
    out.commit();
  }
  REQUIRE(std::filesystem::exists(path));
  CHECK(test::slurp(path) == "hello\n1 + 2 = 3\n");
  CHECK(mode_of(path) == 0600U);
  CHECK(dir.entries() == std::vector<std::string>{"report.csv"});  // no temporary file left behind
}

TEST_CASE("Output: nothing exists at the path before commit", "[output]") {
  test::TempDir dir;
  const auto path = dir / "report.csv";
  waymark::Output out(path.string());
  out.write(std::string(200000, 'x'));  // more than the buffer holds, so some of it is flushed
  out.flush();
  CHECK_FALSE(std::filesystem::exists(path));
  // The data is in an unnamed file in the same directory (O_TMPFILE; so a SIGKILL leaves nothing
  // and linking it into place is atomic): the directory shows nothing at all.
  CHECK(dir.entries().empty());
  out.commit();
  CHECK(std::filesystem::file_size(path) == 200000U);
  CHECK(mode_of(path) == 0600U);
}

TEST_CASE("Output destroyed without commit leaves no file and no temporary file", "[output]") {
  test::TempDir dir;
  const auto path = dir / "report.csv";
  SECTION("after writing") {
    waymark::Output out(path.string());
    out.write("partial");
    out.flush();
  }
  SECTION("after writing more than the buffer holds") {
    waymark::Output out(path.string());
    for (int i = 0; i < 100; ++i) out.write(std::string(10000, 'y'));
  }
  SECTION("after writing nothing") { waymark::Output out(path.string()); }
  SECTION("when the writer throws") {
    CHECK_THROWS_AS(
        [&] {
          waymark::Output out(path.string());
          out.write("half a record");
          throw std::runtime_error("bad data");
        }(),
        std::runtime_error);
  }
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(dir.entries().empty());
}

TEST_CASE("Output commit replaces an existing file", "[output]") {
  test::TempDir dir;
  const auto path = dir.write("report.csv", "old content that is longer than the new\n");
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                         std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  SECTION("committed") {
    {
      waymark::Output out(path.string());
      out.write("new\n");
      CHECK(test::slurp(path) == "old content that is longer than the new\n");  // untouched until commit
      out.commit();
    }
    CHECK(test::slurp(path) == "new\n");
    CHECK(mode_of(path) == 0600U);
    CHECK(dir.entries() == std::vector<std::string>{"report.csv"});
  }
  SECTION("not committed: the old file stays as it was") {
    {
      waymark::Output out(path.string());
      out.write("new\n");
    }
    CHECK(test::slurp(path) == "old content that is longer than the new\n");
    CHECK(dir.entries() == std::vector<std::string>{"report.csv"});
  }
}

TEST_CASE("Output to a path in a missing directory is a cannot-create error", "[output][errors]") {
  test::TempDir dir;
  const auto path = dir / "missing" / "report.csv";
  const auto error = test::error_from([&] { waymark::Output out(path.string()); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::cannot_create);
  CHECK_THAT(error->what(), Contains(path.string()));
  CHECK(dir.entries().empty());
}

TEST_CASE("Output to a directory is a cannot-create error", "[output][errors]") {
  test::TempDir dir;
  for (const auto& path : {dir.path().string(), dir.path().string() + "/"}) {
    INFO(path);
    const auto error = test::error_from([&] { waymark::Output out(path); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::cannot_create);
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("Output buffer() and maybe_flush() let writers append directly", "[output]") {
  test::TempDir dir;
  const auto path = dir / "out.txt";
  std::string expected;
  {
    waymark::Output out(path.string());
    for (int i = 0; i < 20000; ++i) {
      const std::string line = "line " + std::to_string(i) + "\n";
      out.buffer().append(line.data(), line.data() + line.size());
      out.maybe_flush();
      expected += line;
    }
    out.commit();
  }
  CHECK(test::slurp(path) == expected);
}

TEST_CASE("Output for \"-\" and \"\" is standard output", "[output]") {
  for (const char* name : {"-", ""}) {
    INFO('"' << name << '"');
    waymark::Output out(name);
    CHECK(out.is_stdout());
    CHECK(out.name() == "<stdout>");
    out.commit();  // nothing written, nothing to move
  }
}

TEST_CASE("Output to a device writes in place and leaves the device there", "[output]") {
  {
    waymark::Output out("/dev/null");
    out.write("discarded\n");
    out.commit();
  }
  struct stat info {};
  REQUIRE(::stat("/dev/null", &info) == 0);
  CHECK(S_ISCHR(info.st_mode));
}

}  // namespace
