package io.github.webhookstarter.sample;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of GitHub's push event the sample reads.
 *
 * @param ref the pushed ref
 * @param repository the repository pushed to
 * @author Webhook Starter team
 */
public record GitHubPush(String ref, Repository repository) {

	/**
	 * A GitHub repository.
	 *
	 * @param fullName owner and name, such as {@code octo/hello}
	 */
		public record Repository(@JsonProperty("full_name") String fullName) {

	}

}
