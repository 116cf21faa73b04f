package dev.wsboot.server.ssl;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The server's TLS types stay usable without Spring, as the server is: Spring Boot's SSL
 * bundles are turned into them by {@code dev.wsboot.ssl}, never the other way round.
 */
class ServerSslPackageTests {

	private final JavaClasses serverTls = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.wsboot.server.ssl", "dev.wsboot.server.nio");

	@Test
	void staysFreeOfSpring() {
		noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..").check(this.serverTls);
	}

}
