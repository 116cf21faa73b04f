package dev.wsboot.handshake;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class HandshakePackageTests {

	private final JavaClasses handshake = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.wsboot.handshake");

	@Test
	void staysFreeOfSocketsThreadsAndSpring() {
		noClasses().should()
				.dependOnClassesThat()
				.resideInAnyPackage("java.net..", "java.nio.channels..", "java.util.concurrent..", "org.springframework..")
				.orShould().dependOnClassesThat().areAssignableTo(Thread.class)
				.check(this.handshake);
	}

}
