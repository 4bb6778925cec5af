"""The aurora-data CDK app: Aurora Serverless v2 with the Data API, the migration custom resource and the posts API."""
