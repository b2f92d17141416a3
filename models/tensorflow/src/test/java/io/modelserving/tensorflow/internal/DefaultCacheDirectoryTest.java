package io.modelserving.tensorflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelserving.ModelServingException;
import io.modelserving.tensorflow.internal.DefaultCacheDirectory.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where TensorFlow's natives unpack by default, and the temporary directories refused as unsafe. */
class DefaultCacheDirectoryTest {

    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path temp;

    private Path home;
    private Path tmp;
    private UserPrincipal me;

    @BeforeEach
    void posixFileSystem() throws IOException {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        home = Files.createDirectory(temp.resolve("home"));
        tmp = Files.createDirectory(temp.resolve("tmp"));
        me = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(ME);
    }

    @Test
    void xdgCacheHomeComesFirst() throws IOException {
        Path xdg = temp.resolve("xdg-cache");
        Path chosen = DefaultCacheDirectory.choose(new Environment(xdg.toString(), home.toString(), tmp.toString(), ME));
        assertThat(chosen).isEqualTo(xdg.resolve("modelserving/native")).isDirectory();
        assertThat(mode(chosen)).isEqualTo("rwx------");
    }

    @Test
    void aRelativeXdgCacheHomeIsIgnoredAsTheSpecSays() {
        Path chosen = DefaultCacheDirectory.choose(new Environment("relative/cache", home.toString(), tmp.toString(), ME));
        assertThat(chosen).isEqualTo(home.resolve(".cache/modelserving/native")).isDirectory();
    }

    @Test
    void elseTheCacheInAWritableHome() throws IOException {
        Path chosen = DefaultCacheDirectory.choose(new Environment(null, home.toString(), tmp.toString(), ME));
        assertThat(chosen).isEqualTo(home.resolve(".cache/modelserving/native")).isDirectory();
        assertThat(mode(chosen)).isEqualTo("rwx------");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void withoutAUsableHomeAPrivateDirectoryNamedForTheUserUnderTmp() throws IOException {
        Path missingHome = temp.resolve("no-such-home");
        Path fileAsHome = Files.writeString(temp.resolve("home-is-a-file"), "x");
        for (Path badHome : new Path[] {missingHome, fileAsHome}) {
            Path chosen = DefaultCacheDirectory.choose(new Environment("", badHome.toString(), tmp.toString(), ME));
            assertThat(chosen).isEqualTo(tmp.resolve(DefaultCacheDirectory.temporaryName(ME))).isDirectory();
            assertThat(mode(chosen)).isEqualTo("rwx------");
            assertThat(Files.getOwner(chosen)).isEqualTo(me);
        }
        assertThat(missingHome).doesNotExist();
    }

    @Test
    void theTemporaryNameKeepsOnlyCharactersSafeInAPath() {
        assertThat(DefaultCacheDirectory.temporaryName("alice")).isEqualTo("modelserving-native-alice");
        assertThat(DefaultCacheDirectory.temporaryName("../x y")).isEqualTo("modelserving-native-.._x_y");
        assertThat(DefaultCacheDirectory.temporaryName(null)).isEqualTo("modelserving-native-unknown");
    }

    @Test
    void anExistingPrivateDirectoryIsReused() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("cache"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.writeString(folder.resolve("unpacked.so"), "kept");
        assertThat(DefaultCacheDirectory.ensurePrivate(folder, me)).isEqualTo(folder);
        assertThat(folder.resolve("unpacked.so")).hasContent("kept");
    }

    @Test
    void aDirectoryOthersMayWriteIsRefused() throws IOException {
        for (String mode : new String[] {"rwxrwxrwx", "rwxrwx---", "rwx----w-"}) {
            Path folder = Files.createDirectory(tmp.resolve("cache-" + mode.replace('-', '_')));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> DefaultCacheDirectory.ensurePrivate(folder, me), mode)
                    .isInstanceOf(ModelServingException.class)
                    .hasMessageContaining(folder.toString())
                    .hasMessageContaining("may be written by other users (mode " + mode + ")")
                    .hasMessageContaining("-Dorg.bytedeco.javacpp.cachedir=");
            assertThat(mode(folder)).as("left as found").isEqualTo(mode);
        }
    }

    @Test
    void aDirectoryOwnedBySomeoneElseIsRefused() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("cache"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        UserPrincipal someoneElse = () -> "someone-else";
        assertThatThrownBy(() -> DefaultCacheDirectory.ensurePrivate(folder, someoneElse))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("is owned by " + me.getName() + ", not by someone-else");
    }

    @Test
    void aDirectoryReallyChownedToAnotherUserIsRefused() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("cache"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        UserPrincipal nobody;
        try {
            nobody = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(folder, nobody);
        } catch (IOException e) {
            nobody = null;
        }
        assumeTrue(nobody != null && !nobody.equals(me), "only a superuser can give a directory away");
        assertThatThrownBy(() -> DefaultCacheDirectory.ensurePrivate(folder, me))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("is owned by nobody");
    }

    @Test
    void aLinkInPlaceOfTheDirectoryIsRefusedEvenToAPrivateDirectory() throws IOException {
        Path target = Files.createDirectory(temp.resolve("elsewhere"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve(DefaultCacheDirectory.temporaryName(ME)), target);
        assertThatThrownBy(() -> DefaultCacheDirectory.choose(
                new Environment(null, temp.resolve("no-home").toString(), tmp.toString(), ME)))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("is not a directory but a link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("cache"), "not a directory");
        assertThatThrownBy(() -> DefaultCacheDirectory.ensurePrivate(file, me))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("is not a directory but a file");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
