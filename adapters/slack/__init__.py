"""The Slack adapter: ``runner.SlackRunner`` (bolt app, Socket Mode or HTTP events, resume
after restart) and ``chat.SlackChat`` (the ``ChatPlatform`` port over the Web API).

Nothing is imported here, so that ``emulators.slack`` can read this package's
``manifest.yml`` without loading slack_sdk and slack-bolt; import the modules themselves.
"""
